package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's view of one consumer: where its cursor is (an event id), how many events it is behind and since when
 * the oldest of them waits, when it last delivered, what went wrong last, and its dead letters.
 */
public record RelayStatus(String consumer, long position, long lag, Optional<Instant> oldestUnprocessedAt,
                          Optional<Instant> lastDeliveredAt, Optional<String> lastError, long deadLetters) {

    public RelayStatus {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(oldestUnprocessedAt, "oldestUnprocessedAt");
        Objects.requireNonNull(lastDeliveredAt, "lastDeliveredAt");
        Objects.requireNonNull(lastError, "lastError");
    }
}
