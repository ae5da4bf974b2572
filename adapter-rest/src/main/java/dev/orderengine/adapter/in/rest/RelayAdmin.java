package dev.orderengine.adapter.in.rest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's view of the outbox consumers, behind {@code GET /api/v1/admin/relays} and
 * {@code POST /api/v1/admin/relays/{consumer}/replay}. Implementations may throw any
 * {@link dev.orderengine.domain.shared.DomainException} (an unknown consumer is {@code NOT_FOUND}) or
 * {@link dev.orderengine.application.port.StorageUnavailableException}; both become problem responses.
 */
public interface RelayAdmin {

    /** Every consumer with its cursor, lag and dead letters. */
    List<RelayState> relays();

    /** Sends every event from {@code fromEventId} (positive, checked by the adapter) on again to {@code consumer}. */
    void replay(String consumer, long fromEventId);

    /** One consumer: its cursor position (an event id), events behind, last delivery, last error and dead letters. */
    record RelayState(String consumer, long position, long lag, Optional<Instant> lastDeliveredAt,
                      Optional<String> lastError, long deadLetters) {

        public RelayState {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(lastDeliveredAt, "lastDeliveredAt");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
