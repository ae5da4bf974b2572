package dev.orderengine.domain.coupon;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.shared.Text;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A coupon campaign: a fixed discount, a limited number of coupons handed out first come first served
 * (one per user), each valid for {@code validDays} after it is issued.
 */
public final class CouponSource {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_TOTAL_QUANTITY = 10_000_000;
    public static final int MAX_VALID_DAYS = 3650;
    public static final Money MAX_DISCOUNT = Money.of(100_000_000);

    private final CouponSourceId id;
    private final String name;
    private final Money discountAmount;
    private final int totalQuantity;
    private int issuedQuantity;
    private final int validDays;
    private final Instant createdAt;

    private CouponSource(CouponSourceId id, String name, Money discountAmount, int totalQuantity,
                         int issuedQuantity, int validDays, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.discountAmount = Objects.requireNonNull(discountAmount, "discountAmount");
        this.totalQuantity = totalQuantity;
        this.issuedQuantity = issuedQuantity;
        this.validDays = validDays;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new campaign with nothing issued yet. */
    public static CouponSource open(CouponSourceId id, String name, Money discountAmount, int totalQuantity,
                                    int validDays, Instant now) {
        InvalidInputException.require(discountAmount != null && discountAmount.isPositive(), "discountAmount", "must be greater than 0");
        InvalidInputException.require(!discountAmount.isGreaterThan(MAX_DISCOUNT), "discountAmount", "must be at most " + MAX_DISCOUNT);
        InvalidInputException.require(totalQuantity >= 1 && totalQuantity <= MAX_TOTAL_QUANTITY,
                "totalQuantity", "must be between 1 and " + MAX_TOTAL_QUANTITY);
        InvalidInputException.require(validDays >= 1 && validDays <= MAX_VALID_DAYS, "validDays", "must be between 1 and " + MAX_VALID_DAYS);
        return new CouponSource(id, Text.required(name, "name", MAX_NAME_LENGTH), discountAmount, totalQuantity, 0, validDays, now);
    }

    /** Rebuilds a stored campaign; for storage mappers only. */
    public static CouponSource restore(CouponSourceId id, String name, Money discountAmount, int totalQuantity,
                                       int issuedQuantity, int validDays, Instant createdAt) {
        return new CouponSource(id, name, discountAmount, totalQuantity, issuedQuantity, validDays, createdAt);
    }

    /**
     * Hands the next coupon to {@code owner}. Refuses with {@code COUPON_SOLD_OUT} once every coupon is issued.
     * One coupon per user is the storage's to enforce (see {@link Coupons#add}).
     */
    public Coupon issueTo(UserId owner, CouponId couponId, Instant now) {
        if (issuedQuantity >= totalQuantity) {
            throw new RejectedException(ErrorCode.COUPON_SOLD_OUT, "coupon source " + id + " has issued all " + totalQuantity + " coupons");
        }
        issuedQuantity++;
        return Coupon.issue(couponId, owner, id, name, discountAmount, now.plus(Duration.ofDays(validDays)), now);
    }

    public CouponSourceId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Money discountAmount() {
        return discountAmount;
    }

    public int totalQuantity() {
        return totalQuantity;
    }

    public int issuedQuantity() {
        return issuedQuantity;
    }

    public int validDays() {
        return validDays;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
