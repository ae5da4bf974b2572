/** The composition root: reads the configuration, wires every module by hand and runs the HTTP server. */
package dev.orderengine.bootstrap;
