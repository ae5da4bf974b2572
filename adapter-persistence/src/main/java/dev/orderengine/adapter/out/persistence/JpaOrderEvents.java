package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;

/**
 * The outbox: each event a row of {@code order_events} whose {@code snapshot} column holds the event's whole body as
 * the data platform receives it ({@link OrderEventJson}), written once here with the event's id, and whose
 * {@code traceparent} keeps the trace context current on the appending thread (the request's span), if any.
 */
final class JpaOrderEvents implements OrderEvents {

    private final SessionScope scope;
    private final PooledSequence ids;
    private final boolean writersTakeTurns;

    JpaOrderEvents(SessionScope scope, Vendor vendor) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "order_events_seq");
        this.writersTakeTurns = vendor == Vendor.H2;
    }

    /**
     * On H2, which has no transaction ids to read the outbox gap-free by, the transaction first waits for its turn
     * (a row lock held until it ends) and only then draws the event id: events then commit in id order. That holds
     * for one adapter per H2 database (ids come in blocks per adapter), which is what the embedded default is.
     */
    @Override
    public long append(OrderEvent event) {
        if (writersTakeTurns) {
            scope.jdbc(connection -> {
                try (var statement = connection.prepareStatement("SELECT id FROM outbox_writers WHERE id = 1 FOR UPDATE");
                     var rows = statement.executeQuery()) {
                    return rows.next();
                }
            });
        }
        long id = ids.next();
        String body = OrderEventJson.write(id, event);
        scope.run(session -> session.persist(
                new OrderEventJpaEntity(id, event.orderId().value(), event.type(), body, event.occurredAt(), TraceContext.current().orElse(null))));
        return id;
    }
}
