package dev.orderengine.domain.order;

import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.ORDER;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.shared.Money;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderSnapshotTest {

    private static final CouponId COUPON = new CouponId(7);

    private final Shop shop = new Shop().sells(1, "10.00", 10).sells(2, "2.50", 10);

    @Test
    void snapshot_of_a_completed_order_holds_everything_the_data_platform_needs() {
        Order order = shop.allocated(item(1, 2), item(2, 3));
        Payment payment = paymentOf(order, money("4"));
        order.complete(payment, Optional.of(COUPON), money("4"), minutesLater(2));

        OrderSnapshot snapshot = order.snapshot();

        assertThat(snapshot).isEqualTo(new OrderSnapshot(order.id(), CUSTOMER, OrderStatus.COMPLETED, Optional.of(COUPON),
                money("27.50"), money("4.00"), money("23.50"), Optional.of(payment.id()), Optional.of(minutesLater(2)),
                List.of(new OrderSnapshot.Item(new ProductId(1), 2, money("10.00"), money("20.00")),
                        new OrderSnapshot.Item(new ProductId(2), 3, money("2.50"), money("7.50")))));
    }

    @Test
    void snapshot_of_an_unpaid_order_has_no_coupon_payment_or_completion() {
        OrderSnapshot snapshot = shop.allocated(item(1, 1)).snapshot();

        assertThat(snapshot.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(snapshot.couponId()).isEmpty();
        assertThat(snapshot.paymentId()).isEmpty();
        assertThat(snapshot.completedAt()).isEmpty();
        assertThat(snapshot.items()).hasSize(1);
    }

    @Test
    void a_snapshot_does_not_follow_later_changes_of_the_order() {
        Order order = shop.allocated(item(1, 1));
        OrderSnapshot before = order.snapshot();

        order.complete(paymentOf(order, Money.ZERO), Optional.empty(), Money.ZERO, minutesLater(1));

        assertThat(before.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(before.paymentId()).isEmpty();
        assertThat(order.snapshot().status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void the_completed_event_carries_the_snapshot_of_the_completed_order() {
        Order order = shop.allocated(item(1, 1));
        order.complete(paymentOf(order, Money.ZERO), Optional.empty(), Money.ZERO, minutesLater(1));

        OrderEvent event = OrderEvent.completed(order, minutesLater(1));

        assertThat(event.type()).isEqualTo(OrderEventType.ORDER_COMPLETED);
        assertThat(event.snapshot()).isEqualTo(order.snapshot());
        assertThat(event.occurredAt()).isEqualTo(minutesLater(1));
        assertThat(event.orderId()).isEqualTo(order.id());
    }

    @Test
    void refuses_a_completed_event_for_an_order_that_is_not_completed() {
        Order ready = shop.place(item(1, 1));
        Order allocated = shop.allocated(item(1, 1));
        Order cancelled = shop.allocated(item(2, 1));
        cancelled.cancel(NOW);

        assertThatIllegalStateException().isThrownBy(() -> OrderEvent.completed(ready, NOW));
        assertThatIllegalStateException().isThrownBy(() -> OrderEvent.completed(allocated, NOW));
        assertThatIllegalStateException().isThrownBy(() -> OrderEvent.completed(cancelled, NOW));
    }

    @Test
    void a_restored_allocated_order_asks_for_its_lines_and_gives_back_their_stock() {
        List<OrderLine> lines = List.of(new OrderLine(new ProductId(1), 2, money("10")), new OrderLine(new ProductId(2), 1, money("2.50")));
        Order order = Order.restore(ORDER, CUSTOMER, OrderStatus.STOCK_ALLOCATED, lines, null, money("22.50"),
                Money.ZERO, money("22.50"), null, NOW, NOW, null, List.of());

        assertThat(order.items()).containsExactly(item(1, 2), item(2, 1));
        assertThat(order.lines()).isEqualTo(lines);
        assertThat(order.cancel(minutesLater(20)))
                .containsExactly(new StockLine(new ProductId(1), 2), new StockLine(new ProductId(2), 1));
    }

    @Test
    void a_restored_completed_order_shows_what_was_stored() {
        Order order = Order.restore(ORDER, CUSTOMER, OrderStatus.COMPLETED,
                List.of(new OrderLine(new ProductId(1), 1, money("10"))), COUPON, money("10"), money("10"), Money.ZERO,
                new PaymentId(3), NOW, minutesLater(1), minutesLater(1), List.of());

        assertThat(order.couponId()).contains(COUPON);
        assertThat(order.paymentId()).contains(new PaymentId(3));
        assertThat(order.completedAt()).contains(minutesLater(1));
        assertThat(OrderEvent.completed(order, minutesLater(1)).snapshot().totalAmount()).isEqualTo(Money.ZERO);
    }
}
