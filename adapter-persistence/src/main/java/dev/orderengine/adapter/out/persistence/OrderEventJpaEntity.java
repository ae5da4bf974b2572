package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.OrderEventType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the outbox. Its {@code tx_id} column is the database's to fill, so it is not mapped. */
@Entity
@Table(name = "order_events")
class OrderEventJpaEntity {

    @Id
    Long id;

    @Column(name = "order_id", nullable = false)
    Long orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    OrderEventType type;

    @Column(nullable = false)
    String snapshot;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** The W3C trace context of the request that stored the event, when it was traced. */
    @Column(length = 55)
    String traceparent;

    protected OrderEventJpaEntity() {
    }

    OrderEventJpaEntity(Long id, Long orderId, OrderEventType type, String snapshot, Instant createdAt, String traceparent) {
        this.id = id;
        this.orderId = orderId;
        this.type = type;
        this.snapshot = snapshot;
        this.createdAt = createdAt;
        this.traceparent = traceparent;
    }
}
