package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderEventJsonTest {

    /**
     * The body of the data-platform contract's example (SPEC section 3), byte for byte, with what every event's order
     * also carries: {@code refundedAmount} and each item's {@code refundedQuantity}.
     */
    private static final String CONTRACT_EXAMPLE = "{\"eventId\":41,\"type\":\"ORDER_COMPLETED\",\"occurredAt\":\"2026-11-24T10:15:30.123Z\","
            + "\"order\":{\"orderId\":7,\"userId\":3,\"status\":\"COMPLETED\",\"couponId\":12,"
            + "\"originalAmount\":30000.00,\"discountAmount\":3000.00,\"totalAmount\":27000.00,\"refundedAmount\":0.00,\"paymentId\":9,"
            + "\"completedAt\":\"2026-11-24T10:15:30.120Z\","
            + "\"items\":[{\"productId\":5,\"quantity\":2,\"unitPrice\":15000.00,\"totalPrice\":30000.00,\"refundedQuantity\":0}]}}";

    private static final OrderEvent EXAMPLE = new OrderEvent(OrderEventType.ORDER_COMPLETED, new OrderSnapshot(new OrderId(7),
            new UserId(3), OrderStatus.COMPLETED, Optional.of(new CouponId(12)), Money.of(30_000), Money.of(3_000), Money.of(27_000),
            Optional.of(new PaymentId(9)), Optional.of(Instant.parse("2026-11-24T10:15:30.120Z")),
            List.of(new OrderSnapshot.Item(new ProductId(5), 2, Money.of(15_000), Money.of(30_000)))),
            Instant.parse("2026-11-24T10:15:30.123Z"));

    @Test
    void writes_the_data_platform_contract_example_exactly() {
        assertThat(OrderEventJson.write(41, EXAMPLE)).isEqualTo(CONTRACT_EXAMPLE);
    }

    @Test
    void reads_the_contract_example_back_into_the_same_event() {
        assertThat(OrderEventJson.read(CONTRACT_EXAMPLE)).isEqualTo(EXAMPLE);
    }

    @Test
    void writes_a_refund_event_with_the_order_after_it_and_the_refund() {
        Refund refund = new Refund(new RefundId(3), Money.of("13500.00"), List.of(new RefundLine(new ProductId(5), 1)),
                Optional.of("torn \"bag\""), false, Instant.parse("2026-11-25T08:00:00.5Z"));
        OrderSnapshot after = new OrderSnapshot(new OrderId(7), new UserId(3), OrderStatus.PARTIALLY_REFUNDED,
                Optional.of(new CouponId(12)), Money.of(30_000), Money.of(3_000), Money.of(27_000), Optional.of(new PaymentId(9)),
                Optional.of(Instant.parse("2026-11-24T10:15:30.120Z")),
                List.of(new OrderSnapshot.Item(new ProductId(5), 2, Money.of(15_000), Money.of(30_000), 1)), Money.of(13_500));
        OrderEvent event = new OrderEvent(OrderEventType.ORDER_REFUNDED, after, Instant.parse("2026-11-25T08:00:00.5Z"), Optional.of(refund));

        String json = OrderEventJson.write(42, event);

        assertThat(json).isEqualTo("{\"eventId\":42,\"type\":\"ORDER_REFUNDED\",\"occurredAt\":\"2026-11-25T08:00:00.500Z\","
                + "\"order\":{\"orderId\":7,\"userId\":3,\"status\":\"PARTIALLY_REFUNDED\",\"couponId\":12,"
                + "\"originalAmount\":30000.00,\"discountAmount\":3000.00,\"totalAmount\":27000.00,\"refundedAmount\":13500.00,"
                + "\"paymentId\":9,\"completedAt\":\"2026-11-24T10:15:30.120Z\","
                + "\"items\":[{\"productId\":5,\"quantity\":2,\"unitPrice\":15000.00,\"totalPrice\":30000.00,\"refundedQuantity\":1}]},"
                + "\"refund\":{\"refundId\":3,\"amount\":13500.00,\"items\":[{\"productId\":5,\"quantity\":1}],"
                + "\"reason\":\"torn \\\"bag\\\"\",\"restock\":false,\"refundedAt\":\"2026-11-25T08:00:00.500Z\"}}");
        assertThat(OrderEventJson.read(json)).isEqualTo(event);
    }

    @Test
    void writes_null_for_a_refund_without_a_reason() {
        Refund refund = new Refund(new RefundId(1), Money.ZERO, List.of(new RefundLine(new ProductId(5), 2)), Optional.empty(), true,
                Instant.EPOCH);
        OrderEvent event = new OrderEvent(OrderEventType.ORDER_REFUNDED, EXAMPLE.snapshot(), Instant.EPOCH, Optional.of(refund));

        String json = OrderEventJson.write(2, event);

        assertThat(json).contains("\"reason\":null,\"restock\":true,");
        assertThat(OrderEventJson.read(json)).isEqualTo(event);
    }

    @Test
    void reads_an_order_written_before_refunds_as_nothing_refunded() {
        String before = CONTRACT_EXAMPLE.replace("\"refundedAmount\":0.00,", "").replace(",\"refundedQuantity\":0", "");

        assertThat(OrderEventJson.read(before)).isEqualTo(EXAMPLE);
    }

    @Test
    void writes_null_for_a_missing_coupon_payment_and_completion() {
        OrderSnapshot allocated = new OrderSnapshot(new OrderId(1), new UserId(2), OrderStatus.STOCK_ALLOCATED, Optional.empty(),
                Money.of("0.50"), Money.ZERO, Money.of("0.50"), Optional.empty(), Optional.empty(),
                List.of(new OrderSnapshot.Item(new ProductId(3), 1, Money.of("0.50"), Money.of("0.50"))));
        OrderEvent event = new OrderEvent(OrderEventType.ORDER_COMPLETED, allocated, Instant.parse("2026-01-02T03:04:05Z"));

        String json = OrderEventJson.write(5, event);

        assertThat(json).isEqualTo("{\"eventId\":5,\"type\":\"ORDER_COMPLETED\",\"occurredAt\":\"2026-01-02T03:04:05.000Z\","
                + "\"order\":{\"orderId\":1,\"userId\":2,\"status\":\"STOCK_ALLOCATED\",\"couponId\":null,"
                + "\"originalAmount\":0.50,\"discountAmount\":0.00,\"totalAmount\":0.50,\"refundedAmount\":0.00,\"paymentId\":null,"
                + "\"completedAt\":null,\"items\":[{\"productId\":3,\"quantity\":1,\"unitPrice\":0.50,\"totalPrice\":0.50,\"refundedQuantity\":0}]}}");
        assertThat(OrderEventJson.read(json)).isEqualTo(event);
    }

    @Test
    void writes_instants_in_utc_with_exactly_three_fraction_digits() {
        assertThat(OrderEventJson.formatInstant(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(OrderEventJson.formatInstant(Instant.parse("2026-01-02T03:04:05.123456789Z"))).isEqualTo("2026-01-02T03:04:05.123Z");
    }

    @Test
    void writes_large_amounts_as_plain_numbers() {
        Money large = Money.of("99999999999999999.99");
        OrderSnapshot snapshot = new OrderSnapshot(new OrderId(1), new UserId(2), OrderStatus.COMPLETED, Optional.empty(),
                large, Money.ZERO, large, Optional.of(new PaymentId(4)), Optional.of(Instant.EPOCH), List.of());

        assertThat(OrderEventJson.write(1, new OrderEvent(OrderEventType.ORDER_COMPLETED, snapshot, Instant.EPOCH)))
                .contains("\"originalAmount\":99999999999999999.99,");
    }

    @Test
    void refuses_text_that_is_not_an_order_event() {
        assertThatThrownBy(() -> OrderEventJson.read("{\"eventId\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderEventJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderEventJson.read("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
