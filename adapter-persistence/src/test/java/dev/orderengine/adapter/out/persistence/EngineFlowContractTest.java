package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.order.RefundOrderCommand;
import dev.orderengine.application.order.RefundView;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The application's use cases over this adapter: the whole order flow, as the HTTP server runs it. */
abstract class EngineFlowContractTest extends StorageContract {

    private OrderEngine engine() {
        return new OrderEngine(adapter().ports(), Clock.tickMillis(ZoneOffset.UTC), OrderEngine.DEFAULT_RESERVATION_TTL);
    }

    @Test
    void places_and_pays_an_order_with_a_coupon_and_stores_its_completed_event() throws Exception {
        OrderEngine engine = engine();
        User user = customerWith(engine, 50_000);
        Product product = listed(engine, 15_000, 5);
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("Welcome", Money.of(3_000), 10, 7));
        CouponView coupon = engine.coupons().issue(new IssueCouponCommand(source.id(), user.id()));

        OrderView placed = engine.orders().placeOrder().place(new PlaceOrderCommand(user.id(),
                List.of(new OrderItem(product.id(), 2)), Optional.of(coupon.coupon().id()), Optional.empty()));

        assertThat(placed.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(placed.order().totalAmount()).isEqualTo(Money.of(27_000));
        assertThat(placed.payments()).singleElement().extracting(payment -> payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(engine.users().queries().balance(user.id()).amount()).isEqualTo(Money.of(23_000));
        assertThat(engine.products().product(product.id()).stock()).isEqualTo(3);
        String snapshot = (String) db().queryValue("SELECT snapshot FROM order_events WHERE order_id = ?", placed.order().id().value())
                .orElseThrow();
        OrderSnapshot stored = OrderEventJson.read(snapshot).snapshot();
        assertThat(stored.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(stored.couponId()).contains(coupon.coupon().id());
        assertThat(stored.totalAmount()).isEqualTo(Money.of(27_000));
    }

    @Test
    void refunds_a_paid_order_in_one_transaction_once_per_key_and_stores_the_refunded_event_as_sent() throws Exception {
        OrderEngine engine = engine();
        User user = customerWith(engine, 50_000);
        Product product = listed(engine, 15_000, 5);
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("Welcome", Money.of(3_000), 10, 7));
        CouponView coupon = engine.coupons().issue(new IssueCouponCommand(source.id(), user.id()));
        OrderId order = engine.orders().placeOrder().place(new PlaceOrderCommand(user.id(), List.of(new OrderItem(product.id(), 2)),
                Optional.of(coupon.coupon().id()), Optional.empty())).order().id();
        RefundOrderCommand one = new RefundOrderCommand(order, Optional.of(List.of(new RefundLine(product.id(), 1))),
                Optional.of("dented"), true, Optional.of("refund-1"));

        RefundView first = engine.orders().refundOrder().refund(one);
        RefundView repeat = engine.orders().refundOrder().refund(one);
        RefundView rest = engine.orders().refundOrder().refund(new RefundOrderCommand(order, Optional.empty(), Optional.empty(), false,
                Optional.empty()));

        assertThat(repeat.refund()).isEqualTo(first.refund());
        assertThat(first.refund().amount()).isEqualTo(Money.of(13_500));
        assertThat(rest.refund().amount()).isEqualTo(Money.of(13_500));
        assertThat(rest.order().order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(engine.orders().queries().order(order).order().refunds()).containsExactly(first.refund(), rest.refund());
        assertThat(engine.users().queries().balance(user.id()).amount()).isEqualTo(Money.of(50_000));
        assertThat(engine.products().product(product.id()).stock()).as("one unit restocked, one not").isEqualTo(4);
        assertThat(db().queryValue("SELECT used_order_id FROM coupons WHERE id = ?", coupon.coupon().id().value())).isEmpty();
        assertThat(db().queryLong("SELECT result_refund_id FROM idempotency_keys WHERE user_id = ? AND idempotency_key = 'refund-1'",
                user.id().value())).isEqualTo(first.refund().id().value());
        List<PublishedEvent> events = readOnly(() -> adapter().relayPorts().feed().readAfter(RelayPosition.START, 1_000)).stream()
                .filter(event -> event.orderId() == order.value()).toList();
        assertThat(events).extracting(PublishedEvent::type)
                .containsExactly(OrderEventType.ORDER_COMPLETED, OrderEventType.ORDER_REFUNDED, OrderEventType.ORDER_REFUNDED);
        OrderEvent last = adapter().relayPorts().feed().decode(events.getLast());
        assertThat(last.refund()).contains(rest.refund());
        assertThat(last.snapshot()).isEqualTo(rest.order().order().snapshot());
        assertThat(events.getLast().body()).contains("\"refund\":{\"refundId\":" + rest.refund().id().value() + ",\"amount\":13500.00,");
    }

    @Test
    void an_order_out_of_stock_leaves_no_order_and_no_stock_taken() throws Exception {
        OrderEngine engine = engine();
        User user = customerWith(engine, 50_000);
        Product plenty = listed(engine, 1_000, 10);
        Product scarce = listed(engine, 1_000, 1);

        assertThatThrownBy(() -> engine.orders().placeOrder().place(new PlaceOrderCommand(user.id(),
                List.of(new OrderItem(plenty.id(), 1), new OrderItem(scarce.id(), 2)), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_STOCK));

        assertThat(engine.products().product(plenty.id()).stock()).isEqualTo(10);
        assertThat(db().queryLong("SELECT COUNT(*) FROM orders WHERE user_id = ?", user.id().value())).isZero();
    }

    @Test
    void a_refused_payment_keeps_the_order_allocated_with_a_failed_attempt_and_can_be_paid_later() {
        OrderEngine engine = engine();
        User user = customerWith(engine, 500);
        Product product = listed(engine, 1_000, 3);

        DomainException refused = (DomainException) catchThrowable(() -> engine.orders().placeOrder()
                .place(new PlaceOrderCommand(user.id(), List.of(new OrderItem(product.id(), 1)), Optional.empty(), Optional.empty())));
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        long orderId = refused.orderId().orElseThrow();
        OrderView allocated = engine.orders().queries().order(new OrderId(orderId));
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(user.id(), Money.of(1_000), Optional.empty()));
        OrderView paid = engine.orders().payOrder().pay(new PayOrderCommand(allocated.order().id(), user.id(), Optional.empty(), Optional.empty()));

        assertThat(allocated.order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(allocated.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.failureCode()).contains(ErrorCode.INSUFFICIENT_BALANCE);
        });
        assertThat(paid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(paid.payments()).extracting(payment -> payment.status()).containsExactly(PaymentStatus.FAILED, PaymentStatus.SUCCEEDED);
        assertThat(engine.products().product(product.id()).stock()).isEqualTo(2);
    }

    @Test
    void a_repeated_order_request_with_the_same_idempotency_key_is_answered_without_ordering_again() throws Exception {
        OrderEngine engine = engine();
        User user = customerWith(engine, 50_000);
        Product product = listed(engine, 1_000, 10);
        PlaceOrderCommand command = new PlaceOrderCommand(user.id(), List.of(new OrderItem(product.id(), 1)), Optional.empty(),
                Optional.of(new IdempotencyKey(user.id(), "order-1")));

        OrderView first = engine.orders().placeOrder().place(command);
        OrderView repeat = engine.orders().placeOrder().place(command);

        assertThat(repeat.order().id()).isEqualTo(first.order().id());
        assertThat(engine.products().product(product.id()).stock()).isEqualTo(9);
        assertThat(db().queryLong("SELECT COUNT(*) FROM orders WHERE user_id = ?", user.id().value())).isEqualTo(1);
    }

    @Test
    void concurrent_customers_never_buy_more_than_the_stock_and_every_sale_is_paid_once() throws Exception {
        OrderEngine engine = engine();
        Product product = listed(engine, 1_000, 20);
        List<User> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add(customerWith(engine, 10_000));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> orders = new ArrayList<>();
        for (User customer : customers) {
            orders.add(inThread(() -> {
                await(start);
                try {
                    engine.orders().placeOrder().place(new PlaceOrderCommand(customer.id(), List.of(new OrderItem(product.id(), 1)),
                            Optional.empty(), Optional.empty()));
                    return true;
                } catch (RejectedException refused) {
                    assertThat(refused.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    return false;
                }
            }));
        }
        start.countDown();
        int sold = 0;
        for (Future<Boolean> order : orders) {
            sold += order.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(sold).isEqualTo(20);
        assertThat(engine.products().product(product.id()).stock()).isZero();
        assertThat(db().queryLong("SELECT COUNT(*) FROM payments p JOIN order_products l ON l.order_id = p.order_id "
                + "WHERE l.product_id = ? AND p.status = 'SUCCEEDED'", product.id().value())).isEqualTo(20);
    }

    @Test
    void measures_orders_per_second_placed_and_paid_by_eight_threads() throws Exception {
        OrderEngine engine = engine();
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            products.add(listed(engine, 100, 1_000_000));
        }
        List<User> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add(customerWith(engine, 10_000_000));
        }
        int perThread = 150;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (User customer : customers) {
            workers.add(inThread(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    List<OrderItem> items = List.of(new OrderItem(products.get(i % 20).id(), 1), new OrderItem(products.get((i + 7) % 20).id(), 2));
                    engine.orders().placeOrder().place(new PlaceOrderCommand(customer.id(), items, Optional.empty(), Optional.empty()));
                }
                return perThread;
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        int placed = 0;
        for (Future<Integer> worker : workers) {
            placed += worker.get(120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("[%s] %d orders (2 lines, placed and paid, 2 transactions each) by 8 threads in %.2f s: %.0f orders/s%n",
                db(), placed, seconds, placed / seconds);
        assertThat(placed).isEqualTo(8 * perThread);
    }

    @Test
    void an_idempotency_key_of_an_unknown_user_is_user_not_found_and_stores_nothing() throws Exception {
        OrderEngine engine = engine();
        Product product = listed(engine, 100, 10);
        UserId nobody = new UserId(Long.MAX_VALUE - 7);
        long keysBefore = db().queryLong("SELECT COUNT(*) FROM idempotency_keys");

        assertThat(failure(() -> engine.orders().placeOrder().place(new PlaceOrderCommand(nobody, List.of(new OrderItem(product.id(), 1)),
                Optional.empty(), Optional.of(new IdempotencyKey(nobody, "order-1")))))).isEqualTo(ErrorCode.USER_NOT_FOUND);
        assertThat(failure(() -> engine.users().chargeBalance().charge(new ChargeBalanceCommand(nobody, Money.of(10),
                Optional.of(new IdempotencyKey(nobody, "charge-1")))))).isEqualTo(ErrorCode.USER_NOT_FOUND);
        assertThat(failure(() -> engine.orders().payOrder().pay(new PayOrderCommand(new OrderId(1), nobody, Optional.empty(),
                Optional.of(new IdempotencyKey(nobody, "pay-1")))))).isEqualTo(ErrorCode.USER_NOT_FOUND);

        assertThat(db().queryLong("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(keysBefore);
        assertThat(engine.products().product(product.id()).stock()).isEqualTo(10);
    }

    private static ErrorCode failure(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(DomainException.class);
        return ((DomainException) thrown).code();
    }

    private static User customerWith(OrderEngine engine, long balance) {
        User user = engine.users().registerUser().register(new RegisterUserCommand("Customer"));
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(user.id(), Money.of(balance), Optional.empty()));
        return user;
    }

    private static Product listed(OrderEngine engine, long price, int stock) {
        return engine.products().list(new ListProductCommand("Product", null, Money.of(price), stock)).product();
    }
}
