package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.OTHER_ORDER;
import static dev.orderengine.domain.Fixtures.STRANGER;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static dev.orderengine.domain.Fixtures.succeededPayment;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderPaymentTest {

    private static final CouponId COUPON = new CouponId(7);
    private static final Duration TTL = Duration.ofMinutes(15);

    private final Shop shop = new Shop().sells(1, "10.00", 10).sells(2, "2.50", 10);
    private final Order order = shop.allocated(item(1, 2), item(2, 2));

    @Test
    void amount_due_is_the_original_amount_minus_the_discount() {
        assertThat(order.originalAmount()).isEqualTo(money("25.00"));
        assertThat(order.amountDue(Money.ZERO)).isEqualTo(money("25.00"));
        assertThat(order.amountDue(money("5.50"))).isEqualTo(money("19.50"));
        assertThat(order.amountDue(money("25.00"))).isEqualTo(Money.ZERO);
    }

    @Test
    void amount_due_never_goes_below_zero() {
        assertThat(order.amountDue(money("1000"))).isEqualTo(Money.ZERO);
    }

    @Test
    void completes_with_its_payment_and_coupon() {
        Payment payment = paymentOf(order, money("5"));

        order.complete(payment, Optional.of(COUPON), money("5"), minutesLater(3));

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.couponId()).contains(COUPON);
        assertThat(order.originalAmount()).isEqualTo(money("25.00"));
        assertThat(order.discountAmount()).isEqualTo(money("5.00"));
        assertThat(order.totalAmount()).isEqualTo(money("20.00"));
        assertThat(order.paymentId()).contains(payment.id());
        assertThat(order.completedAt()).contains(minutesLater(3));
        assertThat(order.updatedAt()).isEqualTo(minutesLater(3));
    }

    @Test
    void completes_without_a_coupon_at_the_full_price() {
        order.complete(paymentOf(order, Money.ZERO), Optional.empty(), Money.ZERO, minutesLater(3));

        assertThat(order.couponId()).isEmpty();
        assertThat(order.discountAmount()).isEqualTo(Money.ZERO);
        assertThat(order.totalAmount()).isEqualTo(money("25.00"));
    }

    @Test
    void a_discount_larger_than_the_order_is_capped_at_the_original_amount() {
        order.complete(paymentOf(order, money("1000")), Optional.of(COUPON), money("1000"), minutesLater(3));

        assertThat(order.discountAmount()).isEqualTo(money("25.00"));
        assertThat(order.totalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void a_ready_order_is_not_payable() {
        Order ready = shop.place(item(1, 1));

        assertRejected(() -> ready.ensurePayableBy(CUSTOMER, minutesLater(1), TTL), ErrorCode.ORDER_NOT_PAYABLE);
        assertRejected(() -> ready.complete(paymentOf(ready, Money.ZERO), Optional.empty(), Money.ZERO, NOW),
                ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(ready.status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void refuses_to_complete_an_order_twice() {
        Payment first = paymentOf(order, Money.ZERO);
        order.complete(first, Optional.empty(), Money.ZERO, minutesLater(1));
        Payment second = new Payment(new PaymentId(501), order.id(), CUSTOMER, first.amount(),
                first.status(), Optional.empty(), minutesLater(2));

        assertRejected(() -> order.ensurePayableBy(CUSTOMER, minutesLater(1), TTL), ErrorCode.ORDER_NOT_PAYABLE);
        assertRejected(() -> order.complete(second, Optional.empty(), Money.ZERO, minutesLater(2)), ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(order.paymentId()).contains(first.id());
        assertThat(order.completedAt()).contains(minutesLater(1));
    }

    @Test
    void a_cancelled_order_is_never_payable_again() {
        order.cancel(minutesLater(1));

        assertRejected(() -> order.ensurePayableBy(CUSTOMER, minutesLater(1), TTL), ErrorCode.ORDER_NOT_PAYABLE);
        assertRejected(() -> order.complete(paymentOf(order, Money.ZERO), Optional.empty(), Money.ZERO, minutesLater(2)),
                ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.paymentId()).isEmpty();
    }

    @Test
    void an_allocated_order_is_payable_by_its_owner() {
        assertThatCode(() -> order.ensurePayableBy(CUSTOMER, minutesLater(1), TTL)).doesNotThrowAnyException();
        assertThatCode(() -> order.ensureOwnedBy(CUSTOMER)).doesNotThrowAnyException();
    }

    @Test
    void an_allocated_order_whose_reservation_ran_out_is_not_payable_even_before_the_expiry_job_released_it() {
        assertThatCode(() -> order.ensurePayableBy(CUSTOMER, NOW.plus(TTL).minusMillis(1), TTL)).doesNotThrowAnyException();
        assertRejected(() -> order.ensurePayableBy(CUSTOMER, NOW.plus(TTL), TTL), ErrorCode.ORDER_NOT_PAYABLE);
        assertRejected(() -> order.ensurePayableBy(CUSTOMER, NOW.plus(TTL).plusSeconds(30), TTL), ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
    }

    @Test
    void refuses_a_user_who_did_not_place_the_order() {
        assertRejected(() -> order.ensureOwnedBy(STRANGER), ErrorCode.ORDER_NOT_OWNED);
        assertRejected(() -> order.ensurePayableBy(STRANGER, minutesLater(1), TTL), ErrorCode.ORDER_NOT_OWNED);
    }

    @Test
    void ownership_is_checked_before_the_status() {
        order.cancel(minutesLater(1));

        assertRejected(() -> order.ensurePayableBy(STRANGER, minutesLater(1), TTL), ErrorCode.ORDER_NOT_OWNED);
    }

    @Test
    void refuses_the_payment_of_another_user() {
        Payment payment = succeededPayment(order.id(), STRANGER, order.amountDue(Money.ZERO));

        assertRejected(() -> order.complete(payment, Optional.empty(), Money.ZERO, minutesLater(1)), ErrorCode.ORDER_NOT_OWNED);
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
    }

    @Test
    void refuses_a_failed_payment() {
        Payment failed = Payment.failed(new PaymentId(9), order.id(), CUSTOMER, order.amountDue(Money.ZERO),
                ErrorCode.INSUFFICIENT_BALANCE, NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> order.complete(failed, Optional.empty(), Money.ZERO, NOW));
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(order.paymentId()).isEmpty();
    }

    @Test
    void refuses_the_payment_of_another_order() {
        Payment payment = succeededPayment(OTHER_ORDER, CUSTOMER, order.amountDue(Money.ZERO));

        assertThatIllegalArgumentException().isThrownBy(() -> order.complete(payment, Optional.empty(), Money.ZERO, NOW));
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
    }

    @Test
    void refuses_a_payment_that_does_not_match_the_amount_due() {
        Payment tooLittle = succeededPayment(order.id(), CUSTOMER, money("24.99"));
        Payment ignoresDiscount = succeededPayment(order.id(), CUSTOMER, money("25.00"));

        assertThatIllegalArgumentException().isThrownBy(() -> order.complete(tooLittle, Optional.empty(), Money.ZERO, NOW));
        assertThatIllegalArgumentException().isThrownBy(() ->
                order.complete(ignoresDiscount, Optional.of(COUPON), money("5"), NOW));
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(order.totalAmount()).isEqualTo(money("25.00"));
    }
}
