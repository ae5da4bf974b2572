package dev.orderengine.adapter.out.dataplatform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.payment.PaymentId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The data-platform contract's JSON body of one event (SPEC §3): {@code {eventId, type, occurredAt, order}}. */
public final class EventJson {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writerFor(Body.class);

    private EventJson() {
    }

    /** The body sent for {@code published}, on one line. */
    public static String write(PublishedEvent published) {
        OrderSnapshot order = published.event().snapshot();
        Body body = new Body(published.eventId(), published.event().type().name(), MILLIS.format(published.event().occurredAt()),
                new Order(order.orderId().value(), order.userId().value(), order.status().name(),
                        order.couponId().map(CouponId::value).orElse(null),
                        order.originalAmount().amount(), order.discountAmount().amount(), order.totalAmount().amount(),
                        order.paymentId().map(PaymentId::value).orElse(null),
                        order.completedAt().map(MILLIS::format).orElse(null),
                        order.items().stream().map(item -> new Item(item.productId().value(), item.quantity(),
                                item.unitPrice().amount(), item.totalPrice().amount())).toList()));
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + published.eventId(), e);
        }
    }

    /** Formats an instant as the contract does: ISO-8601 UTC with milliseconds. */
    static String instant(Instant instant) {
        return MILLIS.format(instant);
    }

    private record Body(long eventId, String type, String occurredAt, Order order) {
    }

    private record Order(long orderId, long userId, String status, Long couponId, BigDecimal originalAmount,
                         BigDecimal discountAmount, BigDecimal totalAmount, Long paymentId, String completedAt, List<Item> items) {
    }

    private record Item(long productId, int quantity, BigDecimal unitPrice, BigDecimal totalPrice) {
    }
}
