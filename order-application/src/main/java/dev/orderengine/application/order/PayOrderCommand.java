package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** Pay an order whose stock is allocated, optionally with a coupon. */
public record PayOrderCommand(OrderId orderId, UserId userId, Optional<CouponId> couponId,
                              Optional<IdempotencyKey> idempotencyKey) {

    public PayOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        InvalidInputException.require(userId != null, "userId", "is required");
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(key -> InvalidInputException.require(key.userId().equals(userId), "Idempotency-Key", "belongs to another user"));
    }

    String canonical() {
        return "order=" + orderId + ";user=" + userId + ";coupon=" + couponId.map(CouponId::toString).orElse("");
    }
}
