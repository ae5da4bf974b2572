package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Money and units given back on a paid order (SPEC §2.1): the amount returned to the balance, the units of each
 * product, why, and whether the units went back to stock. Made by {@link Order#refund}.
 */
public record Refund(RefundId id, Money amount, List<RefundLine> items, Optional<String> reason, boolean restock,
                     Instant createdAt) {

    /** The longest reason kept. */
    public static final int MAX_REASON_LENGTH = 500;

    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a refund gives back at least one unit");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
