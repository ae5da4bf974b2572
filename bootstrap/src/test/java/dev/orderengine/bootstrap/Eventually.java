package dev.orderengine.bootstrap;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for what the scheduled jobs do in the background. */
final class Eventually {

    private static final long PAUSE_MILLIS = 50;

    private Eventually() {
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}; otherwise fails with {@code what} and the
     * state {@code describe} reports at the deadline.
     */
    static void await(Duration timeout, String what, BooleanSupplier condition, Supplier<Object> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; state: " + describe.get());
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
