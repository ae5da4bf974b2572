package dev.orderengine.adapter.in.rest;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many API requests run at once: the others wait their turn first come, first served, so that under load
 * each request queues once, in order, instead of racing every other request for a database connection at each of
 * its transactions (which lets some wait far longer than the rest). A request that cannot start within
 * {@code maxWait} is refused with 503 {@code UNAVAILABLE}.
 */
final class Admission {

    private final Semaphore permits;
    private final Duration maxWait;

    private Admission(Semaphore permits, Duration maxWait) {
        this.permits = permits;
        this.maxWait = maxWait;
    }

    /** No limit. */
    static Admission unlimited() {
        return new Admission(null, Duration.ZERO);
    }

    static Admission limited(int concurrentRequests, Duration maxWait) {
        if (concurrentRequests < 1) {
            throw new IllegalArgumentException("concurrentRequests must be positive: " + concurrentRequests);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        return new Admission(new Semaphore(concurrentRequests, true), maxWait);
    }

    /** Runs {@code work} once admitted; throws 503 {@code UNAVAILABLE} when the turn does not come in time. */
    void run(Work work) throws Exception {
        if (permits == null) {
            work.run();
            return;
        }
        if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new HttpProblem(503, HttpProblem.UNAVAILABLE, "the server is busy; retry later", Map.of("Retry-After", "1"));
        }
        try {
            work.run();
        } finally {
            permits.release();
        }
    }

    /** The request's handling. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
