package dev.orderengine.domain;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.UserStatus;
import java.time.Duration;
import java.time.Instant;

/** Test data with sensible defaults, so that each test spells out only what it is about. */
public final class Fixtures {

    /** The one instant tests start from; the domain never reads the clock itself. */
    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    public static final UserId CUSTOMER = new UserId(1);
    public static final UserId STRANGER = new UserId(2);
    public static final OrderId ORDER = new OrderId(100);
    public static final OrderId OTHER_ORDER = new OrderId(101);

    private Fixtures() {
    }

    public static Money money(String amount) {
        return Money.of(amount);
    }

    public static Instant minutesLater(long minutes) {
        return NOW.plus(Duration.ofMinutes(minutes));
    }

    public static User customer() {
        return User.register(CUSTOMER, "Ada Lovelace", NOW);
    }

    public static User inactiveCustomer() {
        return User.restore(CUSTOMER, "Ada Lovelace", UserStatus.INACTIVE, NOW);
    }

    public static Product product(long id, String price) {
        return Product.list(new ProductId(id), "Product " + id, null, Money.of(price), NOW);
    }

    public static Product discontinued(long id, String price) {
        return Product.restore(new ProductId(id), "Product " + id, null, Money.of(price), ProductStatus.DISCONTINUED, NOW);
    }

    public static OrderItem item(long productId, int quantity) {
        return new OrderItem(new ProductId(productId), quantity);
    }

    public static CouponSource couponSource(int totalQuantity, int validDays) {
        return CouponSource.open(new CouponSourceId(1), "Welcome", money("1000"), totalQuantity, validDays, NOW);
    }

    public static Payment succeededPayment(OrderId order, UserId payer, Money amount) {
        return Payment.succeeded(new PaymentId(500), order, payer, amount, NOW);
    }

    public static CouponBuilder coupon() {
        return new CouponBuilder();
    }

    /** An unused coupon of {@link #CUSTOMER} worth 1000.00, issued a day ago and valid for a week. */
    public static final class CouponBuilder {

        private UserId owner = CUSTOMER;
        private Money discount = money("1000");
        private Instant expiresAt = NOW.plus(Duration.ofDays(7));
        private Instant usedAt;
        private OrderId usedOn;

        private CouponBuilder() {
        }

        public CouponBuilder ownedBy(UserId owner) {
            this.owner = owner;
            return this;
        }

        public CouponBuilder worth(String discount) {
            this.discount = money(discount);
            return this;
        }

        public CouponBuilder expiringAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public CouponBuilder usedOn(OrderId order, Instant at) {
            this.usedOn = order;
            this.usedAt = at;
            return this;
        }

        public Coupon build() {
            return Coupon.restore(new CouponId(7), owner, new CouponSourceId(1), "Welcome", discount, expiresAt,
                    NOW.minus(Duration.ofDays(1)), usedAt, usedOn);
        }
    }
}
