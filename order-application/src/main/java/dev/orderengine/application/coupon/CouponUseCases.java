package dev.orderengine.application.coupon;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSources;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.time.Instant;

/** Opening coupon campaigns and issuing their coupons. */
public final class CouponUseCases {

    private final Transactions transactions;
    private final Users users;
    private final CouponSources sources;
    private final Coupons coupons;
    private final Clock clock;

    public CouponUseCases(Transactions transactions, Users users, CouponSources sources, Coupons coupons, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.sources = sources;
        this.coupons = coupons;
        this.clock = clock;
    }

    public CouponSource open(OpenCouponSourceCommand command) {
        return transactions.inTransaction(() -> {
            CouponSource source = CouponSource.open(sources.nextId(), command.name(), command.discountAmount(),
                    command.totalQuantity(), command.validDays(), clock.instant());
            sources.add(source);
            return source;
        });
    }

    /**
     * Issues the next coupon, first come first served: refuses with {@code COUPON_ALREADY_ISSUED} when the user
     * has one of this campaign, {@code COUPON_SOLD_OUT} when none is left. The campaign is locked while issuing,
     * so concurrent requests on any node never issue more than its total.
     */
    public CouponView issue(IssueCouponCommand command) {
        return transactions.inTransaction(() -> {
            User user = users.require(command.userId());
            user.ensureActive();
            CouponSource source = sources.lockById(command.sourceId())
                    .orElseThrow(() -> new NotFoundException(ErrorCode.COUPON_SOURCE_NOT_FOUND,
                            "coupon source " + command.sourceId() + " does not exist"));
            if (coupons.existsFor(user.id(), source.id())) {
                throw new RejectedException(ErrorCode.COUPON_ALREADY_ISSUED,
                        "user " + user.id() + " already has a coupon of source " + source.id());
            }
            Instant now = clock.instant();
            Coupon coupon = source.issueTo(user.id(), coupons.nextId(), now);
            coupons.add(coupon);
            sources.save(source);
            return CouponView.at(coupon, now);
        });
    }
}
