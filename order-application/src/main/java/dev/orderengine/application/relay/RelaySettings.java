package dev.orderengine.application.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay reads and retries: events per batch, and the exponential backoff between failed attempts
 * ({@code initialBackoff}, doubled per failure in a row, at most {@code maxBackoff}).
 */
public record RelaySettings(int batchSize, Duration initialBackoff, Duration maxBackoff) {

    public static final RelaySettings DEFAULT = new RelaySettings(500, Duration.ofSeconds(1), Duration.ofMinutes(1));

    public RelaySettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    /** The wait after {@code failures} failed attempts in a row (1 or more). */
    public Duration backoffAfter(int failures) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failures && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
