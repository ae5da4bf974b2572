package dev.orderengine.domain.balance;

import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of a balance's history: what changed, by how much, the balance after it and the order behind it. */
public record BalanceChange(UserId userId, BalanceChangeType type, Money amount, Money balanceAfter,
                            Optional<OrderId> orderId, Instant createdAt) {

    public BalanceChange {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
