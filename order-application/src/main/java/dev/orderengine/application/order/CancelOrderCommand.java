package dev.orderengine.application.order;

import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.Objects;

/** Cancel an order that is not paid yet; only its owner may. */
public record CancelOrderCommand(OrderId orderId, UserId userId) {

    public CancelOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        InvalidInputException.require(userId != null, "userId", "is required");
    }
}
