package dev.orderengine.domain.balance;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A user's prepaid money. It never goes below zero. */
public final class Balance {

    /** The most one charge may add. */
    public static final Money MAX_CHARGE = Money.of(10_000_000);
    /** The most a balance may hold; prepaid money is capped like any stored-value account. */
    public static final Money MAX_BALANCE = Money.of(1_000_000_000_000L);

    private final UserId userId;
    private Money amount;

    private Balance(UserId userId, Money amount) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.amount = Objects.requireNonNull(amount, "amount");
    }

    /** The empty balance every new user starts with. */
    public static Balance openFor(UserId userId) {
        return new Balance(userId, Money.ZERO);
    }

    /** Rebuilds a stored balance; for storage mappers only. */
    public static Balance restore(UserId userId, Money amount) {
        return new Balance(userId, amount);
    }

    /** Adds money: more than 0 and at most {@link #MAX_CHARGE} per charge. */
    public BalanceChange charge(Money money, Instant now) {
        InvalidInputException.require(money.isPositive(), "amount", "must be greater than 0");
        InvalidInputException.require(!money.isGreaterThan(MAX_CHARGE), "amount", "must be at most " + MAX_CHARGE);
        InvalidInputException.require(!money.isGreaterThan(MAX_BALANCE.minusAtMostTo0(amount)), "amount",
                "would take the balance over " + MAX_BALANCE);
        amount = amount.plus(money);
        return new BalanceChange(userId, BalanceChangeType.CHARGE, money, amount, Optional.empty(), now);
    }

    /** Pays {@code money} for {@code order}; refuses with {@code INSUFFICIENT_BALANCE} when the balance is too small. */
    public BalanceChange pay(Money money, OrderId order, Instant now) {
        if (amount.isLessThan(money)) {
            throw new RejectedException(ErrorCode.INSUFFICIENT_BALANCE,
                    "balance " + amount + " of user " + userId + " is less than " + money);
        }
        amount = amount.minus(money);
        return new BalanceChange(userId, BalanceChangeType.USE, money, amount, Optional.of(order), now);
    }

    /**
     * Gives back {@code money} a refund of {@code order} returned (a {@code RESTORE}). Not bounded by
     * {@link #MAX_BALANCE}: the money was the user's before it paid.
     */
    public BalanceChange restoreFromRefund(Money money, OrderId order, Instant now) {
        amount = amount.plus(money);
        return new BalanceChange(userId, BalanceChangeType.RESTORE, money, amount, Optional.of(order), now);
    }

    public UserId userId() {
        return userId;
    }

    public Money amount() {
        return amount;
    }
}
