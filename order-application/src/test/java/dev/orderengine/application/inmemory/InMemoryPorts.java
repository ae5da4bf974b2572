package dev.orderengine.application.inmemory;

import dev.orderengine.application.EnginePorts;
import java.util.Objects;

/**
 * Entry point of the in-memory adapters: {@code new OrderEngine(InMemoryPorts.create(), clock, ttl)} gives a
 * complete engine without a database, for use-case tests and for tests of services that embed the engine.
 * See {@link InMemoryStorage} for the semantics (thread-safe, serialised transactions with rollback, copies).
 */
public final class InMemoryPorts {

    private InMemoryPorts() {
    }

    /** Every port over fresh, empty in-memory storage. */
    public static EnginePorts create() {
        return new InMemoryStorage().ports();
    }

    /**
     * The storage behind ports made here, for assertions on what no port reads back (stored events, stock levels).
     *
     * @throws IllegalArgumentException when {@code ports} were not made by {@link #create()} or {@link InMemoryStorage}
     */
    public static InMemoryStorage storageOf(EnginePorts ports) {
        Objects.requireNonNull(ports, "ports");
        if (ports.transactions() instanceof InMemoryTransactions transactions) {
            return transactions.storage();
        }
        throw new IllegalArgumentException("not in-memory ports: " + ports.transactions().getClass().getName());
    }
}
