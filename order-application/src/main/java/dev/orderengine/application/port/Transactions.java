package dev.orderengine.application.port;

import java.util.function.Supplier;

/**
 * Transaction boundaries for the use cases. Every storage port call made inside {@code work} joins that
 * one transaction; nothing else may keep a transaction open across calls.
 *
 * <p>Contract: the transaction commits when {@code work} returns and rolls back when it throws, and the
 * exception is rethrown unchanged. When the database aborts the transaction for a transient reason
 * (deadlock, serialization failure, lost lock race) an implementation may run {@code work} again from
 * the start, a bounded number of times, so {@code work} must have no effect outside the transaction.
 * When the database cannot be reached, implementations throw {@link StorageUnavailableException}.
 * Calls do not nest.
 */
public interface Transactions {

    /** Runs {@code work} in a read-write transaction. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a read-only transaction: it sees one consistent state and must not write. */
    <T> T readOnly(Supplier<T> work);
}
