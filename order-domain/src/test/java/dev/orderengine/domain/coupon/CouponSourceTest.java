package dev.orderengine.domain.coupon;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.STRANGER;
import static dev.orderengine.domain.Fixtures.couponSource;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CouponSourceTest {

    private static final CouponSourceId ID = new CouponSourceId(9);

    @Test
    void opens_a_campaign_with_nothing_issued() {
        CouponSource source = CouponSource.open(ID, " Black Friday ", money("5000"), 100, 30, NOW);

        assertThat(source.id()).isEqualTo(ID);
        assertThat(source.name()).isEqualTo("Black Friday");
        assertThat(source.discountAmount()).isEqualTo(money("5000"));
        assertThat(source.totalQuantity()).isEqualTo(100);
        assertThat(source.issuedQuantity()).isZero();
        assertThat(source.validDays()).isEqualTo(30);
        assertThat(source.createdAt()).isEqualTo(NOW);
    }

    @Test
    void refuses_a_discount_of_zero_or_none() {
        assertInvalid(() -> CouponSource.open(ID, "Sale", Money.ZERO, 10, 30, NOW), "discountAmount");
        assertInvalid(() -> CouponSource.open(ID, "Sale", null, 10, 30, NOW), "discountAmount");
    }

    @Test
    void accepts_the_maximum_discount_and_refuses_more() {
        assertThat(CouponSource.open(ID, "Sale", CouponSource.MAX_DISCOUNT, 10, 30, NOW).discountAmount())
                .isEqualTo(CouponSource.MAX_DISCOUNT);
        assertInvalid(() -> CouponSource.open(ID, "Sale", CouponSource.MAX_DISCOUNT.plus(money("0.01")), 10, 30, NOW),
                "discountAmount");
    }

    @Test
    void total_quantity_is_between_one_and_the_maximum() {
        assertThat(CouponSource.open(ID, "Sale", money("1"), 1, 30, NOW).totalQuantity()).isEqualTo(1);
        assertThat(CouponSource.open(ID, "Sale", money("1"), CouponSource.MAX_TOTAL_QUANTITY, 30, NOW).totalQuantity())
                .isEqualTo(CouponSource.MAX_TOTAL_QUANTITY);
        assertInvalid(() -> CouponSource.open(ID, "Sale", money("1"), 0, 30, NOW), "totalQuantity");
        assertInvalid(() -> CouponSource.open(ID, "Sale", money("1"), CouponSource.MAX_TOTAL_QUANTITY + 1, 30, NOW),
                "totalQuantity");
    }

    @Test
    void valid_days_are_between_one_and_the_maximum() {
        assertThat(CouponSource.open(ID, "Sale", money("1"), 10, 1, NOW).validDays()).isEqualTo(1);
        assertThat(CouponSource.open(ID, "Sale", money("1"), 10, CouponSource.MAX_VALID_DAYS, NOW).validDays())
                .isEqualTo(3650);
        assertInvalid(() -> CouponSource.open(ID, "Sale", money("1"), 10, 0, NOW), "validDays");
        assertInvalid(() -> CouponSource.open(ID, "Sale", money("1"), 10, CouponSource.MAX_VALID_DAYS + 1, NOW), "validDays");
    }

    @Test
    void refuses_a_blank_name() {
        assertInvalid(() -> CouponSource.open(ID, " ", money("1"), 10, 30, NOW), "name");
    }

    @Test
    void issues_a_coupon_that_expires_valid_days_after_it_was_issued() {
        CouponSource source = couponSource(10, 30);
        Coupon coupon = source.issueTo(CUSTOMER, new CouponId(1), minutesLater(90));

        assertThat(coupon.id()).isEqualTo(new CouponId(1));
        assertThat(coupon.ownerId()).isEqualTo(CUSTOMER);
        assertThat(coupon.sourceId()).isEqualTo(source.id());
        assertThat(coupon.name()).isEqualTo(source.name());
        assertThat(coupon.discountAmount()).isEqualTo(source.discountAmount());
        assertThat(coupon.issuedAt()).isEqualTo(minutesLater(90));
        assertThat(coupon.expiresAt()).isEqualTo(minutesLater(90).plus(Duration.ofDays(30)));
        assertThat(coupon.usedAt()).isEmpty();
        assertThat(coupon.usedOn()).isEmpty();
        assertThat(coupon.statusAt(minutesLater(90))).isEqualTo(CouponStatus.AVAILABLE);
    }

    @Test
    void counts_every_coupon_issued() {
        CouponSource source = couponSource(3, 30);

        source.issueTo(CUSTOMER, new CouponId(1), NOW);
        source.issueTo(STRANGER, new CouponId(2), NOW);

        assertThat(source.issuedQuantity()).isEqualTo(2);
    }

    @Test
    void refuses_to_issue_more_than_the_total_quantity() {
        CouponSource source = couponSource(2, 30);
        source.issueTo(CUSTOMER, new CouponId(1), NOW);
        source.issueTo(STRANGER, new CouponId(2), NOW);

        assertRejected(() -> source.issueTo(new UserId(3), new CouponId(3), NOW),
                ErrorCode.COUPON_SOLD_OUT);
        assertThat(source.issuedQuantity()).isEqualTo(2);
    }

    @Test
    void a_restored_campaign_that_issued_everything_is_sold_out() {
        CouponSource source = CouponSource.restore(ID, "Sale", money("1"), 5, 5, 30, NOW);

        assertRejected(() -> source.issueTo(CUSTOMER, new CouponId(1), NOW), ErrorCode.COUPON_SOLD_OUT);
        assertThat(source.issuedQuantity()).isEqualTo(5);
    }
}
