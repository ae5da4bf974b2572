package dev.orderengine.application.coupon;

import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.user.UserId;
import java.util.Objects;

/** Hand the next coupon of a campaign to a user. */
public record IssueCouponCommand(CouponSourceId sourceId, UserId userId) {

    public IssueCouponCommand {
        Objects.requireNonNull(sourceId, "sourceId");
        InvalidInputException.require(userId != null, "userId", "is required");
    }
}
