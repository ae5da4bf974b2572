package dev.orderengine.domain.shared;

import java.util.Objects;
import java.util.Optional;

/**
 * The one family of expected failures: input that is malformed, something that does not exist,
 * or a business rule that refuses the request. Each carries a spec {@link ErrorCode}, and, when the
 * failure concerns an order that exists (a refused payment), that order's id so the client can pay or
 * cancel it later. Any other exception thrown by the engine means a bug or an infrastructure outage.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotFoundException, RejectedException {

    private final ErrorCode code;
    private Long orderId;

    protected DomainException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The spec error code. */
    public ErrorCode code() {
        return code;
    }

    /** A human-readable explanation, safe to show to a client. */
    public String detail() {
        return getMessage();
    }

    /** The order this failure concerns, when there is one. */
    public Optional<Long> orderId() {
        return Optional.ofNullable(orderId);
    }

    /** Names the order this failure concerns; returns this exception for rethrowing. */
    public DomainException concerningOrder(long orderId) {
        this.orderId = orderId;
        return this;
    }
}
