package dev.orderengine.application.coupon;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssueCouponTest {

    private final Shop shop = new Shop();

    @Test
    void opens_a_campaign_with_nothing_issued() {
        CouponSource source = shop.engine().coupons().open(new OpenCouponSourceCommand(" Welcome ", won(3_000), 100, 7));

        assertThat(source.name()).isEqualTo("Welcome");
        assertThat(source.discountAmount()).isEqualTo(won(3_000));
        assertThat(source.totalQuantity()).isEqualTo(100);
        assertThat(source.issuedQuantity()).isZero();
        assertThat(source.validDays()).isEqualTo(7);
        assertThat(storedCampaign(source.id()).totalQuantity()).isEqualTo(100);
    }

    @Test
    void refuses_a_campaign_out_of_range() {
        assertInvalid("discountAmount", new OpenCouponSourceCommand("x", won(0), 1, 1));
        assertInvalid("discountAmount", new OpenCouponSourceCommand("x", won(100_000_001), 1, 1));
        assertInvalid("totalQuantity", new OpenCouponSourceCommand("x", won(1), 0, 1));
        assertInvalid("validDays", new OpenCouponSourceCommand("x", won(1), 1, 0));
        assertInvalid("validDays", new OpenCouponSourceCommand("x", won(1), 1, 3_651));
        assertInvalid("name", new OpenCouponSourceCommand(" ", won(1), 1, 1));
    }

    @Test
    void issues_a_coupon_valid_for_the_days_of_its_campaign() {
        UserId ada = shop.customer();
        CouponSourceId campaign = shop.campaign(3_000, 10, 7);

        CouponView issued = shop.issue(campaign, ada);

        Coupon coupon = issued.coupon();
        assertThat(issued.status()).isEqualTo(CouponStatus.AVAILABLE);
        assertThat(coupon.ownerId()).isEqualTo(ada);
        assertThat(coupon.sourceId()).isEqualTo(campaign);
        assertThat(coupon.discountAmount()).isEqualTo(won(3_000));
        assertThat(coupon.issuedAt()).isEqualTo(OPENING);
        assertThat(coupon.expiresAt()).isEqualTo(OPENING.plus(Duration.ofDays(7)));
        assertThat(coupon.name()).isEqualTo(storedCampaign(campaign).name());
        assertThat(shop.engine().users().queries().coupons(ada, new PageRequest(0, 100)).items()).extracting(view -> view.coupon().id()).containsExactly(coupon.id());
        assertThat(storedCampaign(campaign).issuedQuantity()).isEqualTo(1);
    }

    @Test
    void issues_one_coupon_per_user_and_campaign() {
        UserId ada = shop.customer();
        CouponSourceId campaign = shop.campaign(3_000, 10, 7);
        shop.issue(campaign, ada);

        failsWith(ErrorCode.COUPON_ALREADY_ISSUED, () -> shop.issue(campaign, ada));

        assertThat(shop.engine().users().queries().coupons(ada, new PageRequest(0, 100)).items()).hasSize(1);
        assertThat(storedCampaign(campaign).issuedQuantity()).isEqualTo(1);
    }

    @Test
    void a_user_may_hold_coupons_of_several_campaigns() {
        UserId ada = shop.customer();

        shop.issue(shop.campaign(100, 10, 7), ada);
        shop.issue(shop.campaign(200, 10, 7), ada);

        assertThat(shop.engine().users().queries().coupons(ada, new PageRequest(0, 100)).items()).hasSize(2);
    }

    @Test
    void refuses_once_the_campaign_has_issued_its_total() {
        CouponSourceId campaign = shop.campaign(3_000, 2, 7);
        shop.issue(campaign, shop.customer());
        shop.issue(campaign, shop.customer());
        UserId late = shop.customer();

        failsWith(ErrorCode.COUPON_SOLD_OUT, () -> shop.issue(campaign, late));

        assertThat(shop.engine().users().queries().coupons(late, new PageRequest(0, 100)).items()).isEmpty();
        assertThat(storedCampaign(campaign).issuedQuantity()).isEqualTo(2);
    }

    @Test
    void refuses_an_unknown_campaign_an_unknown_user_and_an_inactive_user() {
        CouponSourceId campaign = shop.campaign(3_000, 2, 7);
        UserId suspended = shop.inactiveCustomer();

        failsWith(ErrorCode.COUPON_SOURCE_NOT_FOUND, () -> shop.issue(new CouponSourceId(999), shop.customer()));
        failsWith(ErrorCode.USER_NOT_FOUND, () -> shop.issue(campaign, new UserId(999)));
        failsWith(ErrorCode.USER_INACTIVE, () -> shop.issue(campaign, suspended));

        assertThat(storedCampaign(campaign).issuedQuantity()).isZero();
        assertThat(shop.engine().users().queries().coupons(suspended, new PageRequest(0, 100)).items()).isEmpty();
    }

    @Test
    void lists_a_users_coupons_newest_first_as_available_used_or_expired() {
        UserId ada = shop.customerWith(10_000);
        ProductId pen = shop.product(1_000, 10);
        CouponId expiring = shop.issue(shop.campaign(100, 10, 1), ada).coupon().id();
        shop.clock().advance(Duration.ofHours(1));
        CouponId spent = shop.issue(shop.campaign(200, 10, 1), ada).coupon().id();
        shop.orderBy(ada).item(pen, 1).coupon(spent).place();
        shop.clock().advance(Duration.ofHours(1));
        CouponId lasting = shop.issue(shop.campaign(300, 10, 30), ada).coupon().id();

        shop.clock().advance(Duration.ofDays(2));

        assertThat(shop.engine().users().queries().coupons(ada, new PageRequest(0, 100)).items())
                .extracting(view -> view.coupon().id(), CouponView::status)
                .containsExactly(
                        tuple(lasting, CouponStatus.AVAILABLE),
                        tuple(spent, CouponStatus.USED),
                        tuple(expiring, CouponStatus.EXPIRED));
    }

    private CouponSource storedCampaign(CouponSourceId id) {
        var ports = shop.ports();
        return ports.transactions().readOnly(() -> ports.couponSources().findById(id)).orElseThrow();
    }

    private void assertInvalid(String field, OpenCouponSourceCommand command) {
        assertThat(failsWith(ErrorCode.VALIDATION_FAILED, () -> shop.engine().coupons().open(command)))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }
}
