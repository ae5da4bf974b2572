package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Paying and cancelling an order that already exists, and reading orders back. */
class PayAndCancelOrderTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 10);

    @Test
    void an_order_whose_reservation_ran_out_is_not_payable_even_before_the_expiry_job_runs() {
        UserId ada = shop.customerWith(0);
        OrderId order = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.charge(ada, 10_000);
        shop.clock().advance(Shop.RESERVATION_TTL);

        failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.pay(ada, order));

        assertThat(shop.order(order).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.paymentsOf(order)).extracting(Payment::status).containsOnly(PaymentStatus.FAILED);
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void refuses_to_pay_a_completed_order_again() {
        UserId ada = shop.customerWith(10_000);
        OrderId orderId = shop.orderBy(ada).item(pen, 1).place().order().id();

        failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.pay(ada, orderId));

        assertThat(shop.balanceOf(ada)).isEqualTo(won(9_000));
        assertThat(shop.paymentsOf(orderId)).hasSize(1);
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void refuses_to_pay_an_order_of_another_user_and_records_no_attempt() {
        UserId ada = shop.customerWith(0);
        UserId bob = shop.customerWith(10_000);
        OrderId adas = shop.allocate(shop.orderBy(ada).item(pen, 1));

        failsWith(ErrorCode.ORDER_NOT_OWNED, () -> shop.pay(bob, adas));

        assertThat(shop.order(adas).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.paymentsOf(adas)).hasSize(1);
        assertThat(shop.balanceOf(bob)).isEqualTo(won(10_000));
        assertThat(shop.stockOf(pen)).isEqualTo(9);
    }

    @Test
    void refuses_to_pay_an_unknown_order() {
        UserId ada = shop.customer();

        failsWith(ErrorCode.ORDER_NOT_FOUND, () -> shop.pay(ada, new OrderId(999)));

        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
    }

    @Test
    void cancels_an_unpaid_order_and_gives_its_stock_back() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 3));
        assertThat(shop.stockOf(pen)).isEqualTo(7);
        shop.clock().advance(Duration.ofMinutes(2));

        Order cancelled = shop.cancel(ada, orderId).order();

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.updatedAt()).isEqualTo(OPENING.plus(Duration.ofMinutes(2)));
        assertThat(shop.order(orderId).order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void refuses_to_cancel_an_order_of_another_user() {
        UserId ada = shop.customerWith(0);
        UserId bob = shop.customer();
        OrderId adas = shop.allocate(shop.orderBy(ada).item(pen, 3));

        failsWith(ErrorCode.ORDER_NOT_OWNED, () -> shop.cancel(bob, adas));

        assertThat(shop.order(adas).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.stockOf(pen)).isEqualTo(7);
    }

    @Test
    void refuses_to_cancel_a_completed_order() {
        UserId ada = shop.customer();
        OrderId orderId = shop.orderBy(ada).item(pen, 3).place().order().id();

        failsWith(ErrorCode.ORDER_NOT_CANCELLABLE, () -> shop.cancel(ada, orderId));

        assertThat(shop.order(orderId).order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(shop.stockOf(pen)).isEqualTo(7);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(7_000));
    }

    @Test
    void refuses_to_cancel_twice_and_gives_stock_back_once() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 3));
        shop.cancel(ada, orderId);

        failsWith(ErrorCode.ORDER_NOT_CANCELLABLE, () -> shop.cancel(ada, orderId));

        assertThat(shop.stockOf(pen)).isEqualTo(10);
    }

    @Test
    void refuses_to_cancel_an_unknown_order() {
        UserId ada = shop.customer();

        failsWith(ErrorCode.ORDER_NOT_FOUND, () -> shop.cancel(ada, new OrderId(999)));
    }

    @Test
    void never_pays_a_cancelled_order() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 3));
        shop.cancel(ada, orderId);
        shop.charge(ada, 10_000);

        failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.pay(ada, orderId));

        assertThat(shop.order(orderId).order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.paymentsOf(orderId)).hasSize(1);
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void lists_the_orders_of_a_user_newest_first() {
        UserId ada = shop.customer();
        UserId bob = shop.customer();
        OrderId first = shop.orderBy(ada).item(pen, 1).place().order().id();
        shop.clock().advance(Duration.ofMinutes(1));
        shop.orderBy(bob).item(pen, 1).place();
        OrderId second = shop.orderBy(ada).item(pen, 2).place().order().id();

        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items())
                .extracting(view -> view.order().id()).containsExactly(second, first);
    }

    @Test
    void refuses_the_orders_of_an_unknown_user_and_an_unknown_order() {
        failsWith(ErrorCode.USER_NOT_FOUND, () -> shop.engine().orders().queries().ordersOf(new UserId(999), new PageRequest(0, 100)).items());
        failsWith(ErrorCode.ORDER_NOT_FOUND, () -> shop.order(new OrderId(999)));
    }
}
