/**
 * Thread-safe in-memory implementations of every driven port of the engine, for use-case tests and for
 * services that embed the engine: start from {@link dev.orderengine.application.inmemory.InMemoryPorts#create()}.
 */
package dev.orderengine.application.inmemory;
