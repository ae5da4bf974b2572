package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;

/** The outbox: each event a row of {@code order_events} with the order's snapshot as JSON ({@link OrderSnapshotJson}). */
final class JpaOrderEvents implements OrderEvents {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaOrderEvents(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "order_events_seq");
    }

    @Override
    public long append(OrderEvent event) {
        long id = ids.next();
        String snapshot = OrderSnapshotJson.write(event.snapshot());
        scope.run(session -> session.persist(
                new OrderEventJpaEntity(id, event.orderId().value(), event.type(), snapshot, event.occurredAt())));
        return id;
    }
}
