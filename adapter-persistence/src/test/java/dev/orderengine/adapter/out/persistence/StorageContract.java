package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.StorageFixtures;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/** What every storage suite shares: the database of its subclass, fixtures, transactions and threads. */
abstract class StorageContract {

    static final Duration BLOCKED_FOR = Duration.ofMillis(400);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** The database of the concrete subclass, registered there as a static extension. */
    abstract TestDatabase db();

    PersistenceAdapter adapter() {
        return db().adapter();
    }

    StorageFixtures fixtures() {
        return new StorageFixtures(adapter());
    }

    <T> T tx(Supplier<T> work) {
        return adapter().transactions().inTransaction(work);
    }

    void tx(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    <T> T readOnly(Supplier<T> work) {
        return adapter().transactions().readOnly(work);
    }

    <T> Future<T> inThread(Callable<T> work) {
        return threads.submit(work);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("test threads ended").isTrue();
    }

    /**
     * Asserts that while one transaction has run {@code lock} and stays open, a second transaction running
     * {@code lock} waits, and goes on only after the first commits.
     */
    void assertSecondLockWaitsForFirstCommit(Runnable lock) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = inThread(() -> tx(() -> {
            lock.run();
            locked.countDown();
            await(release);
            return null;
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).as("first transaction took the lock").isTrue();
        Future<Long> waiter = inThread(() -> tx(() -> {
            lock.run();
            return System.nanoTime();
        }));
        Thread.sleep(BLOCKED_FOR.toMillis());
        assertThat(waiter).as("second transaction waits for the lock").isNotDone();
        long releasedAt = System.nanoTime();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(waiter.get(10, TimeUnit.SECONDS)).as("second transaction went on after the first committed").isGreaterThan(releasedAt);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
