package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.units;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Giving money and units back on a paid order (SPEC §2.1), and every refusal changing nothing. */
class RefundOrderTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 10);
    private final ProductId ink = shop.product(1_000, 10);
    private final UserId ada = shop.customerWith(10_000);

    /** The worked example: 2×1000 + 3×1000 with a 500 coupon, 4500 paid. */
    private OrderId pensAndInkWithCoupon(CouponId coupon) {
        return shop.orderBy(ada).item(pen, 2).item(ink, 3).coupon(coupon).place().order().id();
    }

    @Test
    void refunds_one_unit_at_its_share_of_the_discounted_total_and_gives_stock_and_money_back() {
        CouponId coupon = shop.couponFor(ada, 500);
        OrderId order = pensAndInkWithCoupon(coupon);
        shop.clock().advance(Duration.ofHours(1));

        RefundView made = shop.refund(new RefundOrderCommand(order, Optional.of(List.of(units(pen, 1))),
                Optional.of("scratched"), true, Optional.empty()));

        Refund refund = made.refund();
        assertThat(refund.amount()).isEqualTo(won(900));
        assertThat(refund.items()).containsExactly(units(pen, 1));
        assertThat(refund.reason()).contains("scratched");
        assertThat(refund.restock()).isTrue();
        assertThat(refund.createdAt()).isEqualTo(OPENING.plus(Duration.ofHours(1)));
        Order refunded = shop.order(order).order();
        assertThat(refunded.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(refunded.refunds()).containsExactly(refund);
        assertThat(refunded.refundedAmount()).isEqualTo(won(900));
        assertThat(refunded.lines()).extracting(OrderLine::productId, OrderLine::refundedQuantity)
                .containsExactly(tuple(pen, 1), tuple(ink, 0));
        assertThat(made.order().order().refunds()).containsExactly(refund);
        assertThat(shop.stockOf(pen)).isEqualTo(9);
        assertThat(shop.stockOf(ink)).isEqualTo(7);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000 - 4_500 + 900));
        assertThat(shop.historyOf(ada).getFirst()).isEqualTo(new BalanceChange(ada, BalanceChangeType.RESTORE, won(900),
                won(6_400), Optional.of(order), OPENING.plus(Duration.ofHours(1))));
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.USED);
    }

    @Test
    void stores_an_order_refunded_event_with_the_order_after_the_refund_and_the_refund() {
        OrderId order = pensAndInkWithCoupon(shop.couponFor(ada, 500));

        Refund refund = shop.refund(order, units(ink, 2)).refund();

        assertThat(shop.events()).extracting(OrderEvent::type)
                .containsExactly(OrderEventType.ORDER_COMPLETED, OrderEventType.ORDER_REFUNDED);
        OrderEvent event = shop.events().getLast();
        assertThat(event.refund()).contains(refund);
        assertThat(event.snapshot()).isEqualTo(shop.order(order).order().snapshot());
        assertThat(event.snapshot().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(event.snapshot().refundedAmount()).isEqualTo(won(1_800));
        assertThat(event.snapshot().items()).extracting(OrderSnapshot.Item::refundedQuantity).containsExactly(0, 2);
        assertThat(shop.events().getFirst().snapshot().refundedAmount()).isEqualTo(won(0));
    }

    @Test
    void refunding_the_rest_returns_exactly_what_was_paid_and_frees_the_coupon() {
        CouponId coupon = shop.couponFor(ada, 500);
        OrderId order = pensAndInkWithCoupon(coupon);
        shop.refund(order, units(pen, 1));

        Refund rest = shop.refundAll(order).refund();

        assertThat(rest.amount()).isEqualTo(won(3_600));
        assertThat(rest.items()).containsExactly(units(pen, 1), units(ink, 3));
        Order refunded = shop.order(order).order();
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.refundedAmount()).isEqualTo(refunded.totalAmount());
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.stockOf(ink)).isEqualTo(10);
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.AVAILABLE);
        assertThat(shop.orderBy(ada).item(pen, 1).coupon(coupon).place().order().discountAmount()).isEqualTo(won(500));
    }

    @Test
    void a_coupon_freed_after_its_date_is_expired() {
        CouponId coupon = shop.couponFor(ada, 500);
        OrderId order = pensAndInkWithCoupon(coupon);
        shop.clock().advance(Duration.ofDays(31));

        shop.refundAll(order);

        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.EXPIRED);
        failsWith(ErrorCode.COUPON_EXPIRED, () -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place());
    }

    @Test
    void a_partial_refund_keeps_the_coupon_used() {
        CouponId coupon = shop.couponFor(ada, 500);
        OrderId order = pensAndInkWithCoupon(coupon);

        shop.refund(order, units(pen, 2), units(ink, 2));

        assertThat(shop.order(order).order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.USED);
    }

    @Test
    void units_that_do_not_come_back_stay_out_of_stock_but_their_money_comes_back() {
        OrderId order = shop.orderBy(ada).item(pen, 3).place().order().id();

        Refund refund = shop.refund(new RefundOrderCommand(order, Optional.empty(), Optional.of("broken in transit"), false,
                Optional.empty())).refund();

        assertThat(refund.restock()).isFalse();
        assertThat(refund.amount()).isEqualTo(won(3_000));
        assertThat(shop.stockOf(pen)).isEqualTo(7);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.order(order).order().status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void an_order_that_cost_nothing_refunds_nothing_and_still_frees_its_coupon() {
        CouponId coupon = shop.couponFor(ada, 5_000);
        OrderId order = shop.orderBy(ada).item(pen, 2).coupon(coupon).place().order().id();
        assertThat(shop.order(order).order().totalAmount()).isEqualTo(won(0));

        Refund refund = shop.refundAll(order).refund();

        assertThat(refund.amount()).isEqualTo(won(0));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.AVAILABLE);
    }

    @Test
    void an_order_paid_late_is_refunded_to_its_user() {
        UserId bob = shop.customerWith(0);
        OrderId order = shop.allocate(shop.orderBy(bob).item(pen, 2));
        shop.charge(bob, 5_000);
        shop.pay(bob, order);

        shop.refund(order, units(pen, 1));

        assertThat(shop.balanceOf(bob)).isEqualTo(won(4_000));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
    }

    @Test
    void refuses_an_order_that_is_not_paid_or_already_wholly_refunded_and_changes_nothing() {
        UserId broke = shop.customerWith(0);
        OrderId allocated = shop.allocate(shop.orderBy(broke).item(pen, 1));
        OrderId cancelled = shop.allocate(shop.orderBy(broke).item(ink, 1));
        shop.cancel(broke, cancelled);
        OrderId refunded = shop.orderBy(ada).item(pen, 2).place().order().id();
        shop.refundAll(refunded);
        Snapshot before = snapshot();

        failsWith(ErrorCode.ORDER_NOT_REFUNDABLE, () -> shop.refundAll(allocated));
        failsWith(ErrorCode.ORDER_NOT_REFUNDABLE, () -> shop.refund(cancelled, units(ink, 1)));
        failsWith(ErrorCode.ORDER_NOT_REFUNDABLE, () -> shop.refundAll(refunded));
        failsWith(ErrorCode.ORDER_NOT_FOUND, () -> shop.refundAll(new OrderId(999)));

        assertThat(snapshot()).isEqualTo(before);
        assertThat(shop.order(allocated).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.order(cancelled).order().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refuses_a_product_not_in_the_order_or_more_units_than_are_left_and_changes_nothing() {
        ProductId nib = shop.product(300, 10);
        OrderId order = pensAndInkWithCoupon(shop.couponFor(ada, 500));
        shop.refund(order, units(pen, 1));
        Snapshot before = snapshot();

        failsWith(ErrorCode.REFUND_EXCEEDS_ORDER, () -> shop.refund(order, units(nib, 1)));
        failsWith(ErrorCode.REFUND_EXCEEDS_ORDER, () -> shop.refund(order, units(pen, 2)));
        failsWith(ErrorCode.REFUND_EXCEEDS_ORDER, () -> shop.refund(order, units(ink, 1), units(pen, 2)));

        assertThat(snapshot()).isEqualTo(before);
        assertThat(shop.order(order).order().refunds()).hasSize(1);
    }

    @Test
    void refuses_a_reason_too_long_and_changes_nothing() {
        OrderId order = shop.orderBy(ada).item(pen, 1).place().order().id();
        Snapshot before = snapshot();

        failsWith(ErrorCode.VALIDATION_FAILED, () -> shop.refund(new RefundOrderCommand(order, Optional.empty(),
                Optional.of("x".repeat(Refund.MAX_REASON_LENGTH + 1)), true, Optional.empty())));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_refund_lines_that_repeat_a_product_before_touching_the_order() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new RefundOrderCommand(new OrderId(1),
                Optional.of(List.of(units(pen, 1), units(pen, 1))), Optional.empty(), true, Optional.empty()));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new RefundOrderCommand(new OrderId(1),
                Optional.of(List.of()), Optional.empty(), true, Optional.empty()));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> units(pen, 0));
    }

    @Test
    void a_repeat_with_the_same_key_returns_the_first_refund_and_changes_nothing() {
        OrderId order = shop.orderBy(ada).item(pen, 3).place().order().id();
        RefundOrderCommand command = new RefundOrderCommand(order, Optional.of(List.of(units(pen, 1))), Optional.empty(), true,
                Optional.of("refund-1"));
        RefundView first = shop.refund(command);
        Snapshot after = snapshot();

        RefundView repeat = shop.refund(command);

        assertThat(repeat.refund()).isEqualTo(first.refund());
        assertThat(repeat.order().order().refunds()).hasSize(1);
        assertThat(snapshot()).isEqualTo(after);
    }

    @Test
    void a_repeat_of_a_whole_refund_answers_even_though_the_order_is_no_longer_refundable() {
        OrderId order = shop.orderBy(ada).item(pen, 3).place().order().id();
        RefundOrderCommand command = new RefundOrderCommand(order, Optional.empty(), Optional.empty(), true, Optional.of("all"));
        RefundView first = shop.refund(command);

        assertThat(shop.refund(command).refund()).isEqualTo(first.refund());
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
    }

    @Test
    void refuses_the_same_key_with_another_refund_and_changes_nothing() {
        OrderId order = shop.orderBy(ada).item(pen, 3).place().order().id();
        shop.refund(new RefundOrderCommand(order, Optional.of(List.of(units(pen, 1))), Optional.empty(), true, Optional.of("k")));
        Snapshot before = snapshot();

        failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> shop.refund(new RefundOrderCommand(order,
                Optional.of(List.of(units(pen, 2))), Optional.empty(), true, Optional.of("k"))));
        failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> shop.refund(new RefundOrderCommand(order,
                Optional.of(List.of(units(pen, 1))), Optional.empty(), false, Optional.of("k"))));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_refund_key_is_scoped_to_the_orders_user() {
        UserId bob = shop.customerWith(10_000);
        OrderId adas = shop.orderBy(ada).item(pen, 2).place().order().id();
        OrderId bobs = shop.orderBy(bob).item(pen, 2).place().order().id();

        Refund forAda = shop.refund(new RefundOrderCommand(adas, Optional.empty(), Optional.empty(), true, Optional.of("same"))).refund();
        Refund forBob = shop.refund(new RefundOrderCommand(bobs, Optional.empty(), Optional.empty(), true, Optional.of("same"))).refund();

        assertThat(forBob.id()).isNotEqualTo(forAda.id());
        assertThat(shop.balanceOf(bob)).isEqualTo(won(10_000));
        assertThat(shop.order(bobs).order().status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void reads_one_refund_back() {
        OrderId order = shop.orderBy(ada).item(pen, 3).place().order().id();
        Refund first = shop.refund(order, units(pen, 1)).refund();
        Refund second = shop.refund(order, units(pen, 1)).refund();
        OrderQueries queries = shop.engine().orders().queries();

        assertThat(queries.refund(order, first.id())).isEqualTo(first);
        assertThat(queries.refund(order, second.id())).isEqualTo(second);
        OrderId other = shop.orderBy(ada).item(ink, 1).place().order().id();
        failsWith(ErrorCode.NOT_FOUND, () -> queries.refund(other, first.id()));
        failsWith(ErrorCode.NOT_FOUND, () -> queries.refund(order, new RefundId(999)));
        failsWith(ErrorCode.ORDER_NOT_FOUND, () -> queries.refund(new OrderId(999), first.id()));
    }

    @Test
    void one_unit_at_a_time_the_refunds_add_up_to_the_total_without_piling_rounding_on_the_last() {
        ProductId cheap = shop.product(1, 1_000);
        UserId bob = shop.customerWith(1_000);
        OrderId order = shop.orderBy(bob).item(cheap, 1_000).coupon(shop.couponFor(bob, 1)).place().order().id();

        for (int i = 0; i < 1_000; i++) {
            assertThat(shop.refund(order, units(cheap, 1)).refund().amount()).isIn(Money.of("0.99"), won(1));
        }

        assertThat(shop.order(order).order().refundedAmount()).isEqualTo(won(999));
        assertThat(shop.balanceOf(bob)).isEqualTo(won(1_000));
    }

    private record Snapshot(List<Long> stock, List<String> balances, List<BalanceChange> history, List<OrderEvent> events,
                            List<CouponStatus> coupons) {
    }

    private Snapshot snapshot() {
        return new Snapshot(List.of(shop.stockOf(pen), shop.stockOf(ink)), List.of(shop.balanceOf(ada).toString()),
                shop.historyOf(ada), shop.events(),
                shop.engine().users().queries().coupons(ada, new PageRequest(0, 100)).items().stream()
                        .map(CouponView::status).toList());
    }
}
