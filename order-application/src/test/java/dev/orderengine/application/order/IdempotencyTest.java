package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.RESERVATION_TTL;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.application.user.BalanceView;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A repeat with the same Idempotency-Key and request returns the first response and changes nothing. */
class IdempotencyTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 10);

    @Test
    void places_and_charges_once_for_a_repeated_order() {
        UserId ada = shop.customerWith(10_000);

        OrderView first = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place();
        OrderView repeat = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place();

        assertThat(repeat.order().id()).isEqualTo(first.order().id());
        assertThat(repeat.order().snapshot()).isEqualTo(first.order().snapshot());
        assertThat(repeat.payments()).isEqualTo(first.payments());
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_000));
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void refuses_the_same_key_with_another_order() {
        UserId ada = shop.customerWith(10_000);
        shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place();

        failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> shop.orderBy(ada).item(pen, 3).idempotencyKey("order-1").place());

        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_000));
        assertThat(shop.stockOf(pen)).isEqualTo(8);
    }

    @Test
    void repeats_a_refused_payment_with_the_same_order_and_records_no_second_attempt() {
        UserId ada = shop.customerWith(500);
        DomainException first = failsWith(ErrorCode.INSUFFICIENT_BALANCE,
                () -> shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place());

        DomainException repeat = failsWith(ErrorCode.INSUFFICIENT_BALANCE,
                () -> shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place());

        assertThat(repeat.orderId()).isPresent().isEqualTo(first.orderId());
        OrderId orderId = new OrderId(first.orderId().orElseThrow());
        assertThat(shop.paymentsOf(orderId)).singleElement()
                .satisfies(payment -> assertThat(payment.failureCode()).contains(ErrorCode.INSUFFICIENT_BALANCE));
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
    }

    @Test
    void repeats_the_first_refusal_even_after_the_balance_was_charged() {
        UserId ada = shop.customerWith(500);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1"));
        shop.charge(ada, 10_000);

        DomainException repeat = failsWith(ErrorCode.INSUFFICIENT_BALANCE,
                () -> shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").place());

        assertThat(repeat.orderId()).contains(orderId.value());
        assertThat(shop.order(orderId).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_500));
    }

    @Test
    void repeats_a_refused_coupon_without_using_the_coupon() {
        UserId ada = shop.customerWith(10_000);
        UserId bob = shop.customer();
        CouponId bobs = shop.couponFor(bob, 300);
        DomainException first = failsWith(ErrorCode.COUPON_NOT_OWNED,
                () -> shop.orderBy(ada).item(pen, 1).coupon(bobs).idempotencyKey("k").place());

        DomainException repeat = failsWith(ErrorCode.COUPON_NOT_OWNED,
                () -> shop.orderBy(ada).item(pen, 1).coupon(bobs).idempotencyKey("k").place());

        assertThat(repeat.orderId()).isEqualTo(first.orderId());
        assertThat(shop.paymentsOf(new OrderId(first.orderId().orElseThrow()))).hasSize(1);
        assertThat(shop.statusOf(bob, bobs)).isEqualTo(CouponStatus.AVAILABLE);
    }

    @Test
    void pays_an_order_once_for_a_repeated_payment() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.charge(ada, 5_000);

        OrderView first = shop.payWithKey(ada, orderId, "pay-1");
        OrderView repeat = shop.payWithKey(ada, orderId, "pay-1");

        assertThat(repeat.order().snapshot()).isEqualTo(first.order().snapshot());
        assertThat(repeat.payments()).isEqualTo(first.payments());
        assertThat(shop.paymentsOf(orderId)).filteredOn(payment -> payment.status() == PaymentStatus.SUCCEEDED).hasSize(1);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(3_000));
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void repeats_a_refused_payment_of_an_existing_order_and_records_it_once() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));

        DomainException first = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.payWithKey(ada, orderId, "pay-1"));
        shop.charge(ada, 5_000);
        DomainException repeat = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.payWithKey(ada, orderId, "pay-1"));

        assertThat(first.orderId()).contains(orderId.value());
        assertThat(repeat.orderId()).contains(orderId.value());
        assertThat(shop.paymentsOf(orderId)).hasSize(2);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(5_000));
    }

    @Test
    void charges_once_for_a_repeated_charge_and_answers_with_the_balance_it_left() {
        UserId ada = shop.customerWith(0);

        BalanceView first = chargeWithKey(ada, 1_000, "charge-1");
        shop.charge(ada, 50);
        BalanceView repeat = chargeWithKey(ada, 1_000, "charge-1");

        assertThat(first.amount()).isEqualTo(won(1_000));
        assertThat(repeat).isEqualTo(first);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(1_050));
        assertThat(shop.historyOf(ada)).hasSize(2);
    }

    @Test
    void refuses_the_same_key_with_another_charge() {
        UserId ada = shop.customerWith(0);
        chargeWithKey(ada, 1_000, "charge-1");

        failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> chargeWithKey(ada, 2_000, "charge-1"));

        assertThat(shop.balanceOf(ada)).isEqualTo(won(1_000));
    }

    @Test
    void refuses_a_charge_key_for_an_order() {
        UserId ada = shop.customerWith(0);
        chargeWithKey(ada, 5_000, "k");

        failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> shop.orderBy(ada).item(pen, 1).idempotencyKey("k").place());

        assertThat(shop.stockOf(pen)).isEqualTo(10);
    }

    @Test
    void scopes_a_key_to_its_user() {
        UserId ada = shop.customerWith(0);
        UserId bob = shop.customerWith(0);

        chargeWithKey(ada, 1_000, "same-key");
        chargeWithKey(bob, 1_000, "same-key");
        shop.charge(ada, 100);
        shop.orderBy(ada).item(pen, 1).idempotencyKey("order").place();
        shop.orderBy(bob).item(pen, 1).idempotencyKey("order").place();

        assertThat(shop.balanceOf(ada)).isEqualTo(won(100));
        assertThat(shop.balanceOf(bob)).isEqualTo(won(0));
        assertThat(shop.stockOf(pen)).isEqualTo(8);
    }

    @Test
    void refuses_a_key_of_another_user_in_a_command() {
        UserId ada = shop.customer();
        UserId bob = shop.customer();

        failsWith(ErrorCode.VALIDATION_FAILED, () -> new PlaceOrderCommand(ada, List.of(new OrderItem(pen, 1)), Optional.empty(),
                Optional.of(new IdempotencyKey(bob, "k"))));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new ChargeBalanceCommand(ada, won(1), Optional.of(new IdempotencyKey(bob, "k"))));
    }

    @Test
    void accepts_keys_of_one_to_255_printable_ascii_characters_only() {
        UserId ada = new UserId(1);

        assertThat(new IdempotencyKey(ada, "x".repeat(255)).value()).hasSize(255);
        assertThat(new IdempotencyKey(ada, " ~").value()).isEqualTo(" ~");
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new IdempotencyKey(ada, ""));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new IdempotencyKey(ada, "x".repeat(256)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new IdempotencyKey(ada, "caf\u00e9"));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> new IdempotencyKey(ada, "line\nbreak"));
    }

    @Test
    void a_crash_before_the_commit_leaves_nothing_behind_and_the_retry_places_the_order_once() {
        UserId ada = shop.customerWith(10_000);
        PlaceOrderCommand command = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").command();

        assertThatThrownBy(() -> engineThatCrashesBeforeCommitting().orders().placeOrder().place(command))
                .isInstanceOf(SimulatedCrash.class);

        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).isEmpty();
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.events()).isEmpty();

        OrderView retried = shop.engine().orders().placeOrder().place(command);

        assertThat(retried.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_000));
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void a_key_whose_order_an_earlier_version_allocated_but_did_not_pay_pays_that_order() {
        UserId ada = shop.customerWith(10_000);
        PlaceOrderCommand command = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").command();
        OrderId allocated = allocatedAsTheTwoTransactionVersionLeftIt(command);

        OrderView retried = shop.engine().orders().placeOrder().place(command);

        assertThat(retried.order().id()).isEqualTo(allocated);
        assertThat(retried.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_000));
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void a_key_whose_allocated_order_expired_never_allocates_again() {
        UserId ada = shop.customerWith(10_000);
        PlaceOrderCommand command = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").command();
        allocatedAsTheTwoTransactionVersionLeftIt(command);
        shop.clock().advance(RESERVATION_TTL);
        shop.engine().orders().expireReservations().expireDue();

        failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.engine().orders().placeOrder().place(command));

        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
    }

    @Test
    void a_key_whose_allocated_order_was_cancelled_is_refused_naming_the_order() {
        UserId ada = shop.customerWith(10_000);
        PlaceOrderCommand command = shop.orderBy(ada).item(pen, 2).idempotencyKey("order-1").command();
        OrderId allocated = allocatedAsTheTwoTransactionVersionLeftIt(command);
        shop.cancel(ada, allocated);

        DomainException refused = failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.engine().orders().placeOrder().place(command));

        assertThat(refused.orderId()).contains(allocated.value());
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
    }

    private BalanceView chargeWithKey(UserId user, long amount, String key) {
        return shop.engine().users().chargeBalance().charge(
                new ChargeBalanceCommand(user, won(amount), Optional.of(new IdempotencyKey(user, key))));
    }

    /**
     * The state the previous version (allocation and payment in two transactions) left when its node died between the
     * two: the order allocated, the key claimed with the order attached but not completed. Servers of both versions
     * may share a database during a rolling upgrade, and such keys live for the key retention.
     */
    private OrderId allocatedAsTheTwoTransactionVersionLeftIt(PlaceOrderCommand command) {
        EnginePorts ports = shop.ports();
        IdempotencyGuard guard = IdempotencyGuard.of(command.idempotencyKey(), "place-order", command.canonical()).orElseThrow();
        return ports.transactions().inTransaction(() -> {
            assertThat(ports.idempotencyKeys().claim(guard.key(), guard.fingerprint())).isInstanceOf(IdempotencyClaim.Fresh.class);
            Order order = Order.place(ports.orders().nextId(), ports.users().require(command.userId()), command.items(), shop.clock().instant());
            order.allocateStock(ports.products().findAllById(command.items().stream().map(OrderItem::productId).toList()),
                    ports.stock(), shop.clock().instant());
            ports.orders().add(order);
            ports.idempotencyKeys().attachOrder(guard.key(), order.id().value());
            return order.id();
        });
    }

    /** An engine over the shop's storage whose node dies after the work of its first transaction, before the commit. */
    private OrderEngine engineThatCrashesBeforeCommitting() {
        return shop.engineWithTransactions(new CrashingTransactions(shop.ports().transactions()));
    }

    private static final class SimulatedCrash extends RuntimeException {
    }

    /** Runs the work, then dies: the transaction rolls back as if the node had died before its commit. */
    private record CrashingTransactions(Transactions delegate) implements Transactions {

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(() -> {
                work.get();
                throw new SimulatedCrash();
            });
        }

        @Override
        public <T> T readOnly(Supplier<T> work) {
            return delegate.readOnly(work);
        }
    }
}
