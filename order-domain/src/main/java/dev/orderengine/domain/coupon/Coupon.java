package dev.orderengine.domain.coupon;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A fixed discount owned by one user, usable on one order, once, before it expires. */
public final class Coupon {

    private final CouponId id;
    private final UserId ownerId;
    private final CouponSourceId sourceId;
    private final String name;
    private final Money discountAmount;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private Instant usedAt;
    private OrderId usedOn;

    private Coupon(CouponId id, UserId ownerId, CouponSourceId sourceId, String name, Money discountAmount,
                   Instant expiresAt, Instant issuedAt, Instant usedAt, OrderId usedOn) {
        this.id = Objects.requireNonNull(id, "id");
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.name = Objects.requireNonNull(name, "name");
        this.discountAmount = Objects.requireNonNull(discountAmount, "discountAmount");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.usedAt = usedAt;
        this.usedOn = usedOn;
    }

    static Coupon issue(CouponId id, UserId ownerId, CouponSourceId sourceId, String name, Money discountAmount,
                        Instant expiresAt, Instant now) {
        return new Coupon(id, ownerId, sourceId, name, discountAmount, expiresAt, now, null, null);
    }

    /** Rebuilds a stored coupon; for storage mappers only. {@code usedAt} and {@code usedOn} are null while unused. */
    public static Coupon restore(CouponId id, UserId ownerId, CouponSourceId sourceId, String name, Money discountAmount,
                                 Instant expiresAt, Instant issuedAt, Instant usedAt, OrderId usedOn) {
        return new Coupon(id, ownerId, sourceId, name, discountAmount, expiresAt, issuedAt, usedAt, usedOn);
    }

    /**
     * Spends this coupon on {@code order} for {@code user}.
     * Refuses with {@code COUPON_NOT_OWNED}, {@code COUPON_ALREADY_USED} or {@code COUPON_EXPIRED}, checked in that order.
     *
     * @return the discount this coupon grants
     */
    public Money useOn(OrderId order, UserId user, Instant now) {
        if (!ownerId.equals(user)) {
            throw new RejectedException(ErrorCode.COUPON_NOT_OWNED, "coupon " + id + " does not belong to user " + user);
        }
        if (usedAt != null) {
            throw new RejectedException(ErrorCode.COUPON_ALREADY_USED, "coupon " + id + " was already used on order " + usedOn);
        }
        if (!now.isBefore(expiresAt)) {
            throw new RejectedException(ErrorCode.COUPON_EXPIRED, "coupon " + id + " expired at " + expiresAt);
        }
        usedAt = now;
        usedOn = order;
        return discountAmount;
    }

    /**
     * Frees this coupon after the order it was used on was wholly refunded: usable again until it expires (so
     * {@code EXPIRED} at once if past its {@code expiresAt}).
     */
    public void free() {
        usedAt = null;
        usedOn = null;
    }

    /** The status as seen at {@code now}. */
    public CouponStatus statusAt(Instant now) {
        if (usedAt != null) {
            return CouponStatus.USED;
        }
        return now.isBefore(expiresAt) ? CouponStatus.AVAILABLE : CouponStatus.EXPIRED;
    }

    public CouponId id() {
        return id;
    }

    public UserId ownerId() {
        return ownerId;
    }

    public CouponSourceId sourceId() {
        return sourceId;
    }

    public String name() {
        return name;
    }

    public Money discountAmount() {
        return discountAmount;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Optional<Instant> usedAt() {
        return Optional.ofNullable(usedAt);
    }

    public Optional<OrderId> usedOn() {
        return Optional.ofNullable(usedOn);
    }
}
