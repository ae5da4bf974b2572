package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How far one consumer got through the outbox, and how its last attempts went: failures in a row, when to try
 * again, when it last delivered and the last error. {@code acknowledgedAhead} holds the events after the position
 * that were already delivered or dead-lettered (they were answered after an earlier event that must be retried),
 * so that they are not sent again.
 */
public record RelayCursor(String consumer, RelayPosition position, int consecutiveFailures, Optional<Instant> retryAt,
                          Optional<Instant> lastDeliveredAt, Optional<String> lastError, Set<Long> acknowledgedAhead) {

    public RelayCursor {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(lastDeliveredAt, "lastDeliveredAt");
        Objects.requireNonNull(lastError, "lastError");
        acknowledgedAhead = Set.copyOf(acknowledgedAhead);
    }

    /** A consumer that has processed nothing yet. */
    public static RelayCursor atStart(String consumer) {
        return new RelayCursor(consumer, RelayPosition.START, 0, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
    }

    /** Whether a backoff after failures still forbids an attempt at {@code now}. */
    public boolean backingOffAt(Instant now) {
        return retryAt.isPresent() && now.isBefore(retryAt.get());
    }
}
