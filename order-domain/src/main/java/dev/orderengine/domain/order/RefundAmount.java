package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.Money;
import java.math.RoundingMode;

/**
 * How much money a refund gives back (SPEC §2.1). Refunds are computed cumulatively: with {@code G} the gross (units at
 * their unit price) refunded so far including this refund, everything refunded up to now is
 * {@code floor₀.₀₁(totalAmount × G / originalAmount)}, and this refund is that minus what the earlier refunds returned.
 * So the refunds of an order add up to exactly {@code totalAmount} once every unit is refunded, never pass it on the
 * way, none is negative, and each is within a cent of its share of the discount-adjusted price: rounding never piles
 * up on the last one. Exact decimal arithmetic, no floating point.
 */
public final class RefundAmount {

    private RefundAmount() {
    }

    /**
     * @param totalAmount what the order cost after its discount
     * @param originalAmount what its lines cost before the discount; {@code grossRefunded} at most this
     * @param grossRefunded the gross of every unit refunded so far, this refund's included
     * @param refundedBefore what the earlier refunds of the order returned
     */
    public static Money of(Money totalAmount, Money originalAmount, Money grossRefunded, Money refundedBefore) {
        if (grossRefunded.isGreaterThan(originalAmount)) {
            throw new IllegalArgumentException("refunded gross " + grossRefunded + " exceeds the original " + originalAmount);
        }
        if (originalAmount.isZero()) {
            return Money.ZERO;
        }
        Money refundedSoFar = new Money(totalAmount.amount().multiply(grossRefunded.amount())
                .divide(originalAmount.amount(), 2, RoundingMode.DOWN));
        return refundedSoFar.minus(refundedBefore);
    }
}
