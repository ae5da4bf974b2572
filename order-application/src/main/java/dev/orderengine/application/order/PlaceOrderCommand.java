package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Place an order for {@code userId} and pay it at once, optionally with a coupon. */
public record PlaceOrderCommand(UserId userId, List<OrderItem> items, Optional<CouponId> couponId,
                                Optional<IdempotencyKey> idempotencyKey) {

    public PlaceOrderCommand {
        InvalidInputException.require(userId != null, "userId", "is required");
        InvalidInputException.require(items != null, "items", "is required");
        Order.checkItems(items);
        items = List.copyOf(items);
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(key -> InvalidInputException.require(key.userId().equals(userId), "Idempotency-Key", "belongs to another user"));
    }

    /** The request as a repeat must match it: everything but the key. */
    String canonical() {
        return "user=" + userId + ";items=" + items + ";coupon=" + couponId.map(CouponId::toString).orElse("");
    }
}
