package dev.orderengine.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A non-negative amount of the shop's single currency with exactly two fraction digits,
 * as stored in {@code DECIMAL(19,2)}. Arithmetic never loses a cent and never goes below zero
 * silently: {@link #minus} refuses, {@link #minusAtMostTo0} floors at zero.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** The largest amount a {@code DECIMAL(19,2)} column holds. */
    public static final BigDecimal MAX = new BigDecimal("99999999999999999.99");
    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has more than 2 fraction digits: " + amount);
        }
        if (amount.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("amount exceeds " + MAX + ": " + amount);
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Validating factory for input: names {@code field} in the error when the value is not a valid amount. */
    public static Money of(BigDecimal amount, String field) {
        InvalidInputException.require(amount != null, field, "is required");
        InvalidInputException.require(amount.signum() >= 0, field, "must not be negative");
        InvalidInputException.require(amount.stripTrailingZeros().scale() <= 2, field, "must have at most 2 fraction digits");
        InvalidInputException.require(amount.compareTo(MAX) <= 0, field, "is too large");
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money of(long amount) {
        return new Money(BigDecimal.valueOf(amount));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    /** {@code this - other}; fails when the result would be negative. */
    public Money minus(Money other) {
        if (isLessThan(other)) {
            throw new IllegalArgumentException(this + " - " + other + " would be negative");
        }
        return new Money(amount.subtract(other.amount));
    }

    /** {@code this - other}, or zero when {@code other} is larger. */
    public Money minusAtMostTo0(Money other) {
        return isLessThan(other) ? ZERO : new Money(amount.subtract(other.amount));
    }

    public Money times(int factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("factor must not be negative: " + factor);
        }
        return new Money(amount.multiply(BigDecimal.valueOf(factor)));
    }

    public Money min(Money other) {
        return isLessThan(other) ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
