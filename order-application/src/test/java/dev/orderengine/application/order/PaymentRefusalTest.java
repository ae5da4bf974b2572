package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refused payment leaves the order allocated with its stock held, and balance and coupon as they were. */
class PaymentRefusalTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 10);

    @Test
    void an_order_the_balance_cannot_cover_stays_allocated_with_its_stock_held() {
        UserId ada = shop.customerWith(500);

        DomainException refused = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.orderBy(ada).item(pen, 2).place());

        OrderId orderId = new OrderId(refused.orderId().orElseThrow());
        assertAllocatedAndUntouched(orderId, 8);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(500));
        assertThat(shop.historyOf(ada)).hasSize(1);
        assertOnlyFailedAttempt(orderId, ErrorCode.INSUFFICIENT_BALANCE, won(2_000));
    }

    @Test
    void an_order_refused_for_balance_is_paid_after_charging() {
        UserId ada = shop.customerWith(500);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));

        shop.charge(ada, 1_500);
        OrderView paid = shop.pay(ada, orderId);

        assertThat(paid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(paid.payments()).extracting(Payment::status, Payment::failureCode, Payment::amount).containsExactly(
                tuple(PaymentStatus.FAILED, Optional.of(ErrorCode.INSUFFICIENT_BALANCE), won(2_000)),
                tuple(PaymentStatus.SUCCEEDED, Optional.empty(), won(2_000)));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(0));
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(shop.events()).singleElement().satisfies(event -> assertThat(event.orderId()).isEqualTo(orderId));
    }

    @Test
    void rejects_second_use_of_a_coupon() {
        UserId ada = shop.customerWith(10_000);
        CouponId coupon = shop.couponFor(ada, 300);
        Order first = shop.orderBy(ada).item(pen, 1).coupon(coupon).place().order();

        DomainException refused = failsWith(ErrorCode.COUPON_ALREADY_USED,
                () -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place());

        OrderId second = new OrderId(refused.orderId().orElseThrow());
        assertThat(second).isNotEqualTo(first.id());
        assertAllocatedAndUntouched(second, 8);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(9_300));
        assertThat(shop.couponOf(ada, coupon).coupon().usedOn()).contains(first.id());
        assertOnlyFailedAttempt(second, ErrorCode.COUPON_ALREADY_USED, won(1_000));
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void an_order_refused_for_its_coupon_is_paid_without_it() {
        UserId ada = shop.customerWith(10_000);
        CouponId coupon = shop.couponFor(ada, 300);
        shop.orderBy(ada).item(pen, 1).coupon(coupon).place();
        DomainException refused = failsWith(ErrorCode.COUPON_ALREADY_USED, () -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place());
        OrderId second = new OrderId(refused.orderId().orElseThrow());

        Order paid = shop.pay(ada, second).order();

        assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(paid.couponId()).isEmpty();
        assertThat(paid.totalAmount()).isEqualTo(won(1_000));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_300));
        assertThat(shop.events()).hasSize(2);
    }

    @Test
    void rejects_an_expired_coupon() {
        UserId ada = shop.customerWith(10_000);
        CouponSourceId oneDay = shop.campaign(300, 10, 1);
        CouponId coupon = shop.issue(oneDay, ada).coupon().id();
        shop.clock().advance(Duration.ofDays(1));

        DomainException refused = failsWith(ErrorCode.COUPON_EXPIRED, () -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place());

        OrderId orderId = new OrderId(refused.orderId().orElseThrow());
        assertAllocatedAndUntouched(orderId, 9);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.EXPIRED);
        assertThat(shop.couponOf(ada, coupon).coupon().usedAt()).isEmpty();
        assertOnlyFailedAttempt(orderId, ErrorCode.COUPON_EXPIRED, won(1_000));
    }

    @Test
    void accepts_a_coupon_until_the_instant_it_expires() {
        UserId ada = shop.customerWith(10_000);
        CouponId coupon = shop.issue(shop.campaign(300, 10, 1), ada).coupon().id();
        shop.clock().advance(Duration.ofDays(1).minusMillis(1));

        Order order = shop.orderBy(ada).item(pen, 1).coupon(coupon).place().order();

        assertThat(order.discountAmount()).isEqualTo(won(300));
    }

    @Test
    void rejects_a_coupon_of_another_user() {
        UserId ada = shop.customerWith(10_000);
        UserId bob = shop.customerWith(10_000);
        CouponId bobs = shop.couponFor(bob, 300);

        DomainException refused = failsWith(ErrorCode.COUPON_NOT_OWNED, () -> shop.orderBy(ada).item(pen, 1).coupon(bobs).place());

        OrderId orderId = new OrderId(refused.orderId().orElseThrow());
        assertAllocatedAndUntouched(orderId, 9);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.statusOf(bob, bobs)).isEqualTo(CouponStatus.AVAILABLE);
        assertOnlyFailedAttempt(orderId, ErrorCode.COUPON_NOT_OWNED, won(1_000));
    }

    @Test
    void rejects_an_unknown_coupon() {
        UserId ada = shop.customerWith(10_000);

        DomainException refused = failsWith(ErrorCode.COUPON_NOT_FOUND,
                () -> shop.orderBy(ada).item(pen, 1).coupon(new CouponId(999)).place());

        OrderId orderId = new OrderId(refused.orderId().orElseThrow());
        assertAllocatedAndUntouched(orderId, 9);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertOnlyFailedAttempt(orderId, ErrorCode.COUPON_NOT_FOUND, won(1_000));
    }

    @Test
    void gives_a_good_coupon_back_when_the_balance_then_refuses() {
        UserId ada = shop.customerWith(100);
        CouponId coupon = shop.couponFor(ada, 300);

        DomainException refused = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place());

        OrderId orderId = new OrderId(refused.orderId().orElseThrow());
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.AVAILABLE);
        assertThat(shop.couponOf(ada, coupon).coupon().usedOn()).isEmpty();
        assertThat(shop.balanceOf(ada)).isEqualTo(won(100));
        assertOnlyFailedAttempt(orderId, ErrorCode.INSUFFICIENT_BALANCE, won(700));
    }

    @Test
    void pays_a_refused_order_later_with_the_coupon() {
        UserId ada = shop.customerWith(100);
        CouponId coupon = shop.couponFor(ada, 300);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 1).coupon(coupon));
        shop.charge(ada, 600);

        Order paid = shop.pay(ada, orderId, coupon).order();

        assertThat(paid.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(paid.couponId()).contains(coupon);
        assertThat(paid.discountAmount()).isEqualTo(won(300));
        assertThat(paid.totalAmount()).isEqualTo(won(700));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(0));
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.USED);
        assertThat(shop.events()).singleElement().satisfies(event -> assertThat(event.snapshot().couponId()).contains(coupon));
    }

    @Test
    void records_every_refused_attempt_of_one_order() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 1));

        failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.pay(ada, orderId));
        failsWith(ErrorCode.COUPON_NOT_FOUND, () -> shop.pay(ada, orderId, new CouponId(42)));

        assertThat(shop.paymentsOf(orderId)).extracting(Payment::failureCode).containsExactly(
                Optional.of(ErrorCode.INSUFFICIENT_BALANCE), Optional.of(ErrorCode.INSUFFICIENT_BALANCE), Optional.of(ErrorCode.COUPON_NOT_FOUND));
        assertThat(shop.order(orderId).order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
    }

    @Test
    void a_refusal_through_pay_order_carries_the_order_id() {
        UserId ada = shop.customerWith(0);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 1));

        DomainException refused = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.pay(ada, orderId));

        assertThat(refused.orderId()).contains(orderId.value());
    }

    private void assertAllocatedAndUntouched(OrderId orderId, int penStockLeft) {
        Order order = shop.order(orderId).order();
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(order.couponId()).isEmpty();
        assertThat(order.discountAmount()).isEqualTo(Money.ZERO);
        assertThat(order.paymentId()).isEmpty();
        assertThat(shop.stockOf(pen)).isEqualTo(penStockLeft);
        assertThat(shop.events()).noneSatisfy(event -> assertThat(event.orderId()).isEqualTo(orderId));
    }

    private void assertOnlyFailedAttempt(OrderId orderId, ErrorCode code, Money attempted) {
        assertThat(shop.paymentsOf(orderId)).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.failureCode()).contains(code);
            assertThat(payment.amount()).isEqualTo(attempted);
            assertThat(payment.orderId()).isEqualTo(orderId);
        });
    }
}
