package dev.orderengine.domain.coupon;

import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.ORDER;
import static dev.orderengine.domain.Fixtures.OTHER_ORDER;
import static dev.orderengine.domain.Fixtures.STRANGER;
import static dev.orderengine.domain.Fixtures.coupon;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.shared.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponTest {

    private static final Instant EXPIRY = minutesLater(60);

    @Test
    void using_a_coupon_grants_its_discount_and_records_the_order() {
        Coupon coupon = coupon().worth("1500").build();

        assertThat(coupon.useOn(ORDER, CUSTOMER, NOW)).isEqualTo(money("1500"));
        assertThat(coupon.usedAt()).contains(NOW);
        assertThat(coupon.usedOn()).contains(ORDER);
        assertThat(coupon.statusAt(NOW)).isEqualTo(CouponStatus.USED);
    }

    @Test
    void rejects_a_coupon_of_another_user() {
        Coupon coupon = coupon().ownedBy(CUSTOMER).build();

        assertRejected(() -> coupon.useOn(ORDER, STRANGER, NOW), ErrorCode.COUPON_NOT_OWNED);
        assertThat(coupon.usedAt()).isEmpty();
        assertThat(coupon.statusAt(NOW)).isEqualTo(CouponStatus.AVAILABLE);
    }

    @Test
    void rejects_second_use_of_a_coupon() {
        Coupon coupon = coupon().build();
        coupon.useOn(ORDER, CUSTOMER, NOW);

        assertRejected(() -> coupon.useOn(OTHER_ORDER, CUSTOMER, minutesLater(1)), ErrorCode.COUPON_ALREADY_USED);
        assertThat(coupon.usedOn()).contains(ORDER);
        assertThat(coupon.usedAt()).contains(NOW);
    }

    @Test
    void rejects_a_restored_coupon_that_was_used_before() {
        Coupon coupon = coupon().usedOn(OTHER_ORDER, NOW).build();

        assertRejected(() -> coupon.useOn(ORDER, CUSTOMER, NOW), ErrorCode.COUPON_ALREADY_USED);
    }

    @Test
    void can_be_used_until_just_before_it_expires() {
        Coupon coupon = coupon().expiringAt(EXPIRY).build();

        assertThat(coupon.useOn(ORDER, CUSTOMER, EXPIRY.minusMillis(1))).isEqualTo(money("1000"));
    }

    @Test
    void rejects_a_coupon_at_the_instant_it_expires() {
        Coupon coupon = coupon().expiringAt(EXPIRY).build();

        assertRejected(() -> coupon.useOn(ORDER, CUSTOMER, EXPIRY), ErrorCode.COUPON_EXPIRED);
        assertThat(coupon.usedAt()).isEmpty();
    }

    @Test
    void rejects_a_coupon_after_it_expired() {
        Coupon coupon = coupon().expiringAt(EXPIRY).build();

        assertRejected(() -> coupon.useOn(ORDER, CUSTOMER, EXPIRY.plusSeconds(3600)), ErrorCode.COUPON_EXPIRED);
    }

    @Test
    void ownership_is_checked_before_use_and_expiry() {
        Coupon coupon = coupon().ownedBy(CUSTOMER).expiringAt(EXPIRY).usedOn(OTHER_ORDER, NOW).build();

        assertRejected(() -> coupon.useOn(ORDER, STRANGER, EXPIRY.plusSeconds(1)), ErrorCode.COUPON_NOT_OWNED);
    }

    @Test
    void use_is_checked_before_expiry() {
        Coupon coupon = coupon().expiringAt(EXPIRY).usedOn(OTHER_ORDER, NOW).build();

        assertRejected(() -> coupon.useOn(ORDER, CUSTOMER, EXPIRY.plusSeconds(1)), ErrorCode.COUPON_ALREADY_USED);
    }

    @Test
    void an_unused_coupon_is_available_before_its_expiry_and_expired_from_then_on() {
        Coupon coupon = coupon().expiringAt(EXPIRY).build();

        assertThat(coupon.statusAt(EXPIRY.minusMillis(1))).isEqualTo(CouponStatus.AVAILABLE);
        assertThat(coupon.statusAt(EXPIRY)).isEqualTo(CouponStatus.EXPIRED);
        assertThat(coupon.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(CouponStatus.EXPIRED);
    }

    @Test
    void a_used_coupon_stays_used_after_its_expiry() {
        Coupon coupon = coupon().expiringAt(EXPIRY).usedOn(ORDER, NOW).build();

        assertThat(coupon.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(CouponStatus.USED);
    }

    @Test
    void a_freed_coupon_is_available_again_until_it_expires_and_can_be_used_on_another_order() {
        Coupon coupon = coupon().ownedBy(CUSTOMER).expiringAt(EXPIRY).usedOn(ORDER, NOW).build();

        coupon.free();

        assertThat(coupon.statusAt(EXPIRY.minusMillis(1))).isEqualTo(CouponStatus.AVAILABLE);
        assertThat(coupon.statusAt(EXPIRY)).isEqualTo(CouponStatus.EXPIRED);
        assertThat(coupon.usedOn()).isEmpty();
        assertThat(coupon.useOn(OTHER_ORDER, CUSTOMER, minutesLater(1))).isEqualTo(coupon.discountAmount());
        assertThat(coupon.usedOn()).contains(OTHER_ORDER);
    }
}
