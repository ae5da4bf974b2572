package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.OrderEventType;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Test events as the outbox hands them over: the contract's example, and numbered ones (order = event id). */
final class Events {

    /** The body of the example of SPEC §3, exactly as the storage adapter writes it. */
    static final String CONTRACT_BODY = "{\"eventId\":41,\"type\":\"ORDER_COMPLETED\",\"occurredAt\":\"2026-11-24T10:15:30.123Z\","
            + "\"order\":{\"orderId\":7,\"userId\":3,\"status\":\"COMPLETED\",\"couponId\":12,"
            + "\"originalAmount\":30000.00,\"discountAmount\":3000.00,\"totalAmount\":27000.00,\"paymentId\":9,"
            + "\"completedAt\":\"2026-11-24T10:15:30.120Z\","
            + "\"items\":[{\"productId\":5,\"quantity\":2,\"unitPrice\":15000.00,\"totalPrice\":30000.00}]}}";

    private Events() {
    }

    static PublishedEvent contractExample() {
        return new PublishedEvent(41, new RelayPosition(1000, 41), 7, OrderEventType.ORDER_COMPLETED,
                Instant.parse("2026-11-24T10:15:30.123Z"), CONTRACT_BODY);
    }

    static PublishedEvent numbered(long eventId) {
        return ofOrder(eventId, eventId);
    }

    static PublishedEvent ofOrder(long eventId, long orderId) {
        return withBody(eventId, orderId, "{\"eventId\":" + eventId + ",\"order\":{\"orderId\":" + orderId + "}}");
    }

    static PublishedEvent withBody(long eventId, long orderId, String body) {
        return new PublishedEvent(eventId, new RelayPosition(eventId, eventId), orderId, OrderEventType.ORDER_COMPLETED,
                Instant.parse("2026-11-24T10:00:00Z"), body);
    }

    /** Events {@code first..last} spread over {@code orders} orders (1000, 1001, …), several events per order. */
    static List<PublishedEvent> overOrders(long first, long last, int orders) {
        return LongStream.rangeClosed(first, last).mapToObj(eventId -> ofOrder(eventId, 1000 + eventId % orders)).toList();
    }

    static List<PublishedEvent> numbered(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(Events::numbered).toList();
    }
}
