package dev.orderengine.application.inmemory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one fair lock that serialises every in-memory transaction, and the undo log that rolls one back.
 * Serialising is what makes each port's locking methods trivially correct; a test double needs no more.
 * The undo log and the read-only flag are only touched by the thread holding the lock.
 */
final class TransactionScope {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Deque<Runnable> undoLog = new ArrayDeque<>();
    private boolean readOnly;

    /** Runs {@code work} holding the lock; undoes every write and rethrows unchanged when it throws. */
    <T> T run(Supplier<T> work, boolean readOnlyWork) {
        Objects.requireNonNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("transactions do not nest");
        }
        lock.lock();
        readOnly = readOnlyWork;
        try {
            return work.get();
        } catch (Throwable failure) {
            rollback();
            throw failure;
        } finally {
            undoLog.clear();
            readOnly = false;
            lock.unlock();
        }
    }

    /** Runs a read in the caller's transaction, or in a read-only one of its own when there is none. */
    <T> T inspect(Supplier<T> read) {
        return lock.isHeldByCurrentThread() ? read.get() : run(read, true);
    }

    /** Runs a write in the caller's transaction, or in a read-write one of its own when there is none. */
    void change(Runnable write) {
        if (lock.isHeldByCurrentThread()) {
            write.run();
        } else {
            run(() -> {
                write.run();
                return null;
            }, false);
        }
    }

    /** Fails unless the calling thread is inside a transaction: every port call must join one. */
    void checkOpen() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("in-memory storage used outside a transaction: call it inside Transactions.inTransaction or readOnly");
        }
    }

    /** Registers how to undo a write about to happen; fails outside a read-write transaction. */
    void beforeWrite(Runnable undo) {
        checkOpen();
        if (readOnly) {
            throw new IllegalStateException("write inside a read-only transaction");
        }
        undoLog.push(undo);
    }

    private void rollback() {
        while (!undoLog.isEmpty()) {
            undoLog.pop().run();
        }
    }
}
