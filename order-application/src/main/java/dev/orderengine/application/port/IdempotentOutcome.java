package dev.orderengine.application.port;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request guarded by an idempotency key produced, kept so that a repeat returns the same answer:
 * the order it created, paid or refunded, the refund it made, the balance it left, and the error it ended with, if any.
 */
public record IdempotentOutcome(Optional<Long> orderId, Optional<Long> refundId, Optional<Money> balance, Optional<ErrorCode> error) {

    public IdempotentOutcome {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(error, "error");
    }

    public static IdempotentOutcome order(long orderId) {
        return new IdempotentOutcome(Optional.of(orderId), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static IdempotentOutcome orderFailed(long orderId, ErrorCode error) {
        return new IdempotentOutcome(Optional.of(orderId), Optional.empty(), Optional.empty(), Optional.of(error));
    }

    public static IdempotentOutcome refund(long orderId, long refundId) {
        return new IdempotentOutcome(Optional.of(orderId), Optional.of(refundId), Optional.empty(), Optional.empty());
    }

    public static IdempotentOutcome balance(Money balance) {
        return new IdempotentOutcome(Optional.empty(), Optional.empty(), Optional.of(balance), Optional.empty());
    }
}
