package dev.orderengine.application.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the outbox, the dead letters and the idempotency records are kept (SPEC §3), and how many rows one
 * delete may take at most, so that retention never holds a long transaction.
 */
public record RetentionSettings(Duration events, Duration deadLetters, Duration idempotencyKeys, int batchSize) {

    public static final RetentionSettings DEFAULT =
            new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(24), 1_000);

    public RetentionSettings {
        requirePositive(events, "events");
        requirePositive(deadLetters, "deadLetters");
        requirePositive(idempotencyKeys, "idempotencyKeys");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " retention must be positive: " + duration);
        }
    }
}
