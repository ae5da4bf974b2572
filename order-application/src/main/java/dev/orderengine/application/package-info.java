/** The use cases of the order engine, framework-free; each command record validates itself. */
package dev.orderengine.application;
