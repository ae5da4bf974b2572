package dev.orderengine.application.inmemory;

import dev.orderengine.application.port.Transactions;
import java.util.function.Supplier;

/**
 * {@link Transactions} over the in-memory storage: every transaction, read-write or read-only, holds one global
 * fair lock from start to end, so transactions run one at a time; a throwing {@code work} has every write undone
 * and its exception rethrown unchanged. Never retries, never throws {@code StorageUnavailableException}.
 * Nested calls fail with {@link IllegalStateException}, as do writes inside {@link #readOnly}.
 */
final class InMemoryTransactions implements Transactions {

    private final TransactionScope scope;
    private final InMemoryStorage storage;

    InMemoryTransactions(TransactionScope scope, InMemoryStorage storage) {
        this.scope = scope;
        this.storage = storage;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return scope.run(work, false);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return scope.run(work, true);
    }

    InMemoryStorage storage() {
        return storage;
    }
}
