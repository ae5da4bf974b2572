package dev.orderengine.domain.shared;

/**
 * A business rule refused the request: out of stock, coupon already used, order not payable and so on.
 * Nothing the request asked for has been applied.
 */
public final class RejectedException extends DomainException {

    public RejectedException(ErrorCode code, String detail) {
        super(code, detail);
    }
}
