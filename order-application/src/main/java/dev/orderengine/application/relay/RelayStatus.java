package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Optional;

/** An operator's view of one consumer: where its cursor is, how far behind, and what went wrong last. */
public record RelayStatus(String consumer, long position, long lag, Optional<Instant> lastDeliveredAt,
                          Optional<String> lastError, long deadLetters) {
}
