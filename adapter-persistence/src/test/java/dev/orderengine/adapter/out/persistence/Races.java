package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.shared.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Races of use-case calls on real threads, all let go at once, for the suites that check the engine's promises under concurrency. */
final class Races {

    private Races() {
    }

    /** What the attempts of one race returned: values of those that succeeded, refusals of the others. */
    record Race<T>(List<T> successes, List<DomainException> refusals, long elapsedMillis) {

        void report(Object db, String race, String figures) {
            System.out.printf("[%s] race %s: attempts=%d successes=%d refusals=%d %s elapsed=%d ms%n", db, race,
                    successes.size() + refusals.size(), successes.size(), refusals.size(), figures, elapsedMillis);
        }
    }

    /**
     * Runs {@code attempts} attempts on a pool of {@code threads} threads, all let go at once. An attempt ends with a
     * value or a {@link DomainException}; anything else (a deadlock, a storage failure) fails the test.
     */
    static <T> Race<T> race(int attempts, int threads, IntFunction<T> attempt) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int index = i;
                Callable<Object> task = () -> {
                    StorageContract.await(start);
                    try {
                        return attempt.apply(index);
                    } catch (DomainException refused) {
                        return refused;
                    }
                };
                futures.add(pool.submit(task));
            }
            long started = System.nanoTime();
            start.countDown();
            List<T> successes = new ArrayList<>();
            List<DomainException> refusals = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Object outcome = outcome(futures.get(i), i);
                if (outcome instanceof DomainException refused) {
                    refusals.add(refused);
                } else {
                    @SuppressWarnings("unchecked")
                    T value = (T) outcome;
                    successes.add(value);
                }
            }
            return new Race<>(successes, refusals, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Object outcome(Future<Object> future, int attempt) throws InterruptedException {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw new AssertionError("attempt " + attempt + " failed with " + failed.getCause(), failed.getCause());
        } catch (TimeoutException stuck) {
            throw new AssertionError("attempt " + attempt + " did not end in time", stuck);
        }
    }

}
