package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coupon campaigns and issued coupons: one per user and campaign, locked while issued or used. */
abstract class CouponStorageContractTest extends StorageContract {

    @Test
    void stores_a_campaign_and_saves_its_issued_count() {
        CouponSource source = fixtures().couponSource(1_000, 3);
        fixtures().coupon(source, fixtures().user());

        CouponSource restored = readOnly(() -> adapter().couponSources().findById(source.id())).orElseThrow();

        assertThat(restored.name()).isEqualTo("Welcome");
        assertThat(restored.discountAmount()).isEqualTo(Money.of(1_000));
        assertThat(restored.totalQuantity()).isEqualTo(3);
        assertThat(restored.issuedQuantity()).isEqualTo(1);
        assertThat(restored.validDays()).isEqualTo(7);
        assertThat(restored.createdAt()).isEqualTo(NOW);
    }

    @Test
    void finds_no_campaign_or_coupon_for_unknown_ids() {
        assertThat(readOnly(() -> adapter().couponSources().findById(new CouponSourceId(Long.MAX_VALUE)))).isEmpty();
        assertThat(tx(() -> adapter().couponSources().lockById(new CouponSourceId(Long.MAX_VALUE)))).isEmpty();
        assertThat(readOnly(() -> adapter().coupons().findById(new CouponId(Long.MAX_VALUE)))).isEmpty();
        assertThat(tx(() -> adapter().coupons().lockById(new CouponId(Long.MAX_VALUE)))).isEmpty();
    }

    @Test
    void the_database_refuses_more_coupons_issued_than_the_campaign_holds() {
        CouponSource source = fixtures().couponSource(1_000, 3);

        assertThatThrownBy(() -> db().update("UPDATE coupon_sources SET issued_quantity = 4 WHERE id = ?", source.id().value()))
                .isInstanceOf(SQLException.class).hasMessageContaining("coupon_sources_issued_ck");
    }

    @Test
    void stores_an_issued_coupon_and_saves_its_use() {
        User owner = fixtures().user();
        Coupon coupon = fixtures().coupon(fixtures().couponSource(1_000, 3), owner);
        Order order = fixtures().allocatedOrder(owner, NOW, fixtures().product(5_000, 10));

        Coupon unused = readOnly(() -> adapter().coupons().findById(coupon.id())).orElseThrow();
        tx(() -> {
            Coupon locked = adapter().coupons().lockById(coupon.id()).orElseThrow();
            locked.useOn(order.id(), owner.id(), NOW.plusSeconds(1));
            adapter().coupons().save(locked);
        });
        Coupon used = readOnly(() -> adapter().coupons().findById(coupon.id())).orElseThrow();

        assertThat(unused.ownerId()).isEqualTo(owner.id());
        assertThat(unused.sourceId()).isEqualTo(coupon.sourceId());
        assertThat(unused.discountAmount()).isEqualTo(Money.of(1_000));
        assertThat(unused.issuedAt()).isEqualTo(NOW);
        assertThat(unused.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(unused.usedAt()).isEmpty();
        assertThat(used.usedAt()).contains(NOW.plusSeconds(1));
        assertThat(used.usedOn()).contains(order.id());
    }

    @Test
    void refuses_a_second_coupon_of_one_campaign_for_one_user_with_coupon_already_issued() {
        User owner = fixtures().user();
        CouponSource source = fixtures().couponSource(1_000, 3);
        fixtures().coupon(source, owner);

        assertThatThrownBy(() -> tx(() -> {
            Coupon second = adapter().couponSources().lockById(source.id()).orElseThrow()
                    .issueTo(owner.id(), adapter().coupons().nextId(), NOW);
            adapter().coupons().add(second);
        })).isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COUPON_ALREADY_ISSUED));
        assertThat(readOnly(() -> adapter().coupons().findByOwner(owner.id(), new PageRequest(0, 100)).items())).hasSize(1);
    }

    @Test
    void tells_whether_a_user_has_a_coupon_of_a_campaign() {
        User owner = fixtures().user();
        CouponSource source = fixtures().couponSource(1_000, 3);
        CouponSource other = fixtures().couponSource(1_000, 3);
        fixtures().coupon(source, owner);

        assertThat(readOnly(() -> adapter().coupons().existsFor(owner.id(), source.id()))).isTrue();
        assertThat(readOnly(() -> adapter().coupons().existsFor(owner.id(), other.id()))).isFalse();
    }

    @Test
    void lists_a_users_coupons_newest_first() {
        User owner = fixtures().user();
        Coupon first = fixtures().coupon(fixtures().couponSource(1_000, 3), owner);
        Coupon second = fixtures().coupon(fixtures().couponSource(2_000, 3), owner);
        fixtures().coupon(fixtures().couponSource(3_000, 3), fixtures().user());

        List<Coupon> coupons = readOnly(() -> adapter().coupons().findByOwner(owner.id(), new PageRequest(0, 100)).items());

        assertThat(coupons).extracting(Coupon::id).containsExactly(second.id(), first.id());
        Page<Coupon> page = readOnly(() -> adapter().coupons().findByOwner(owner.id(), new PageRequest(1, 1)));
        assertThat(page.items()).extracting(Coupon::id).containsExactly(first.id());
        assertThat(page.total()).isEqualTo(2);
        assertThat(readOnly(() -> adapter().coupons().findByOwner(owner.id(), new PageRequest(2, 1))).items()).isEmpty();
    }

    @Test
    void lock_by_id_of_a_campaign_makes_a_second_transaction_wait_until_the_first_commits() throws Exception {
        CouponSource source = fixtures().couponSource(1_000, 3);

        assertSecondLockWaitsForFirstCommit(() -> adapter().couponSources().lockById(source.id()).orElseThrow());
    }

    @Test
    void lock_by_id_of_a_coupon_makes_a_second_transaction_wait_until_the_first_commits() throws Exception {
        Coupon coupon = fixtures().coupon(fixtures().couponSource(1_000, 3), fixtures().user());

        assertSecondLockWaitsForFirstCommit(() -> adapter().coupons().lockById(coupon.id()).orElseThrow());
    }
}
