package dev.orderengine.application.user;

import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/** Add {@code amount} to a user's balance (limits in {@link dev.orderengine.domain.balance.Balance#charge}). */
public record ChargeBalanceCommand(UserId userId, Money amount, Optional<IdempotencyKey> idempotencyKey) {

    public ChargeBalanceCommand {
        Objects.requireNonNull(userId, "userId");
        InvalidInputException.require(amount != null, "amount", "is required");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(key -> InvalidInputException.require(key.userId().equals(userId), "Idempotency-Key", "belongs to another user"));
    }

    String canonical() {
        return "user=" + userId + ";amount=" + amount;
    }
}
