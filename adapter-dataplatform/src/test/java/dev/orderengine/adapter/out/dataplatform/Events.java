package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/** Test events: the contract's example, and numbered ones. */
final class Events {

    private Events() {
    }

    /** Exactly the example of SPEC §3. */
    static PublishedEvent contractExample() {
        OrderSnapshot order = new OrderSnapshot(new OrderId(7), new UserId(3), OrderStatus.COMPLETED, Optional.of(new CouponId(12)),
                Money.of("30000"), Money.of("3000"), Money.of("27000"), Optional.of(new PaymentId(9)),
                Optional.of(Instant.parse("2026-11-24T10:15:30.120Z")),
                List.of(new OrderSnapshot.Item(new ProductId(5), 2, Money.of("15000"), Money.of("30000"))));
        return new PublishedEvent(41, new RelayPosition(1000, 41),
                new OrderEvent(OrderEventType.ORDER_COMPLETED, order, Instant.parse("2026-11-24T10:15:30.123Z")));
    }

    static PublishedEvent numbered(long eventId) {
        OrderSnapshot order = new OrderSnapshot(new OrderId(eventId), new UserId(1), OrderStatus.COMPLETED, Optional.empty(),
                Money.of(100), Money.ZERO, Money.of(100), Optional.of(new PaymentId(eventId)),
                Optional.of(Instant.parse("2026-11-24T10:00:00Z")),
                List.of(new OrderSnapshot.Item(new ProductId(1), 1, Money.of(100), Money.of(100))));
        return new PublishedEvent(eventId, new RelayPosition(eventId, eventId),
                new OrderEvent(OrderEventType.ORDER_COMPLETED, order, Instant.parse("2026-11-24T10:00:00Z")));
    }

    static List<PublishedEvent> numbered(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(Events::numbered).toList();
    }
}
