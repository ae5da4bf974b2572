package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Giving money and units back on a paid order (SPEC §2.1). */
class OrderRefundTest {

    private final Shop shop = new Shop().sells(1, "1000.00", 10).sells(2, "1000.00", 10).sells(3, "1.00", 1_000);
    private long refundIds;

    @Test
    void the_worked_example_one_unit_of_an_order_with_a_coupon_then_the_rest() {
        Order order = paid(money("500.00"), item(1, 2), item(2, 3));
        assertThat(order.totalAmount()).isEqualTo(money("4500.00"));

        Refund first = refund(order, line(1, 1));
        Refund rest = refund(order, Optional.empty());

        assertThat(first.amount()).isEqualTo(money("900.00"));
        assertThat(rest.amount()).isEqualTo(money("3600.00"));
        assertThat(rest.items()).containsExactly(line(1, 1), line(2, 3));
        assertThat(order.refundedAmount()).isEqualTo(order.totalAmount());
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void the_worked_example_a_thousand_units_of_one_cent_less_each_refunded_one_by_one() {
        Order order = paid(money("1.00"), item(3, 1_000));
        assertThat(order.totalAmount()).isEqualTo(money("999.00"));

        List<Money> amounts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            amounts.add(refund(order, line(3, 1)).amount());
        }

        assertThat(amounts).allSatisfy(amount -> assertThat(amount).isIn(money("0.99"), money("1.00")));
        assertThat(amounts.getLast()).isEqualTo(money("1.00"));
        assertThat(amounts.stream().reduce(Money.ZERO, Money::plus)).isEqualTo(money("999.00"));
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void a_partial_refund_counts_the_units_of_each_line_and_leaves_the_order_partially_refunded() {
        Order order = paid(Money.ZERO, item(1, 2), item(2, 3));

        Refund refund = order.refund(new RefundId(7), Optional.of(List.of(line(2, 2))), Optional.of("  damaged in transit  "), false,
                minutesLater(30));

        assertThat(refund).isEqualTo(new Refund(new RefundId(7), money("2000.00"), List.of(line(2, 2)), Optional.of("damaged in transit"),
                false, minutesLater(30)));
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order.lines()).extracting(OrderLine::refundedQuantity).containsExactly(0, 2);
        assertThat(order.refunds()).containsExactly(refund);
        assertThat(order.updatedAt()).isEqualTo(minutesLater(30));
        OrderSnapshot snapshot = OrderEvent.refunded(order, refund, minutesLater(30)).snapshot();
        assertThat(snapshot.refundedAmount()).isEqualTo(money("2000.00"));
        assertThat(snapshot.items()).extracting(OrderSnapshot.Item::refundedQuantity).containsExactly(0, 2);
        assertThat(snapshot.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void an_order_that_cost_nothing_refunds_nothing() {
        Order order = paid(money("5000.00"), item(1, 2));

        assertThat(refund(order, Optional.empty()).amount()).isEqualTo(Money.ZERO);
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void only_a_paid_order_not_wholly_refunded_can_be_refunded() {
        Order allocated = shop.allocated(item(1, 1));
        Order cancelled = shop.allocated(item(1, 1));
        cancelled.cancel(minutesLater(1));
        Order refunded = paid(Money.ZERO, item(1, 1));
        refund(refunded, Optional.empty());

        assertRejected(() -> refund(allocated, Optional.empty()), ErrorCode.ORDER_NOT_REFUNDABLE);
        assertRejected(() -> refund(cancelled, Optional.empty()), ErrorCode.ORDER_NOT_REFUNDABLE);
        assertRejected(() -> refund(refunded, line(1, 1)), ErrorCode.ORDER_NOT_REFUNDABLE);
        assertThat(refunded.refunds()).hasSize(1);
    }

    @Test
    void more_units_than_are_left_or_a_product_not_in_the_order_is_refused_and_changes_nothing() {
        Order order = paid(Money.ZERO, item(1, 2), item(2, 1));
        refund(order, line(1, 1));

        assertRejected(() -> refund(order, line(1, 2)), ErrorCode.REFUND_EXCEEDS_ORDER);
        assertRejected(() -> refund(order, line(2, 1), line(3, 1)), ErrorCode.REFUND_EXCEEDS_ORDER);
        assertRejected(() -> refund(order, line(2, 1), line(1, 2)), ErrorCode.REFUND_EXCEEDS_ORDER);

        assertThat(order.lines()).extracting(OrderLine::refundedQuantity).containsExactly(1, 0);
        assertThat(order.refunds()).hasSize(1);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void refund_lines_must_be_one_to_fifty_distinct_products() {
        Order order = paid(Money.ZERO, item(1, 2));

        assertInvalid(() -> order.refund(new RefundId(1), Optional.of(List.of()), Optional.empty(), true, minutesLater(2)), "items");
        assertInvalid(() -> refund(order, line(1, 1), line(1, 1)), "items");
        assertInvalid(() -> new RefundLine(new ProductId(1), 0), "items.quantity");
        assertInvalid(() -> order.refund(new RefundId(1), Optional.empty(), Optional.of("x".repeat(501)), true, minutesLater(2)), "reason");
        assertInvalid(() -> order.refund(new RefundId(1), Optional.empty(), Optional.of("line\u0000break"), true, minutesLater(2)), "reason");
        assertThat(order.refunds()).isEmpty();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    private Order paid(Money discount, OrderItem... items) {
        Order order = shop.allocated(items);
        order.complete(paymentOf(order, discount), Optional.empty(), discount, minutesLater(1));
        return order;
    }

    private Refund refund(Order order, RefundLine... lines) {
        return refund(order, Optional.of(List.of(lines)));
    }

    private Refund refund(Order order, Optional<List<RefundLine>> lines) {
        return order.refund(new RefundId(++refundIds), lines, Optional.empty(), true, minutesLater(2));
    }

    private static RefundLine line(long productId, int quantity) {
        return new RefundLine(new ProductId(productId), quantity);
    }
}
