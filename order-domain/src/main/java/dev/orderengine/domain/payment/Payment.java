package dev.orderengine.domain.payment;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One attempt to pay an order. A failed attempt names why it failed and charged nothing. */
public record Payment(PaymentId id, OrderId orderId, UserId userId, Money amount, PaymentStatus status,
                      Optional<ErrorCode> failureCode, Instant createdAt) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failureCode, "failureCode");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((status == PaymentStatus.FAILED) != failureCode.isPresent()) {
            throw new IllegalArgumentException("a failure code goes with, and only with, a failed payment");
        }
    }

    public static Payment succeeded(PaymentId id, OrderId orderId, UserId userId, Money amount, Instant now) {
        return new Payment(id, orderId, userId, amount, PaymentStatus.SUCCEEDED, Optional.empty(), now);
    }

    public static Payment failed(PaymentId id, OrderId orderId, UserId userId, Money amount, ErrorCode reason, Instant now) {
        return new Payment(id, orderId, userId, amount, PaymentStatus.FAILED, Optional.of(reason), now);
    }
}
