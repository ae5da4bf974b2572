package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.shared.OrderId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Refund a paid order (an operator's request): the {@code items} given, or with none every unit not refunded yet,
 * why, and whether the units go back to stock. An idempotency key is scoped to the order's user, so only its text is
 * given here.
 */
public record RefundOrderCommand(OrderId orderId, Optional<List<RefundLine>> items, Optional<String> reason, boolean restock,
                                 Optional<String> idempotencyKey) {

    public RefundOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(items, "items");
        items.ifPresent(Order::checkRefundLines);
        items = items.map(List::copyOf);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(IdempotencyKey::checkValue);
    }

    /** The request as a repeat must match it: everything but the key. */
    String canonical() {
        return "order=" + orderId + ";items=" + items.map(Object::toString).orElse("all") + ";reason=" + reason.orElse("")
                + ";restock=" + restock;
    }
}
