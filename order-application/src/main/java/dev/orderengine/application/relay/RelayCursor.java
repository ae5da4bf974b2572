package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far one consumer got through the outbox, and how its last attempts went: failures in a row,
 * when to try again, when it last delivered and the last error.
 */
public record RelayCursor(String consumer, RelayPosition position, int consecutiveFailures, Optional<Instant> retryAt,
                          Optional<Instant> lastDeliveredAt, Optional<String> lastError) {

    public RelayCursor {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(lastDeliveredAt, "lastDeliveredAt");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** Whether a backoff after failures still forbids an attempt at {@code now}. */
    public boolean backingOffAt(Instant now) {
        return retryAt.isPresent() && now.isBefore(retryAt.get());
    }
}
