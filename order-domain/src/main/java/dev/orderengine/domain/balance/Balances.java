package dev.orderengine.domain.balance;

import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.Optional;

/**
 * Storage of balances and their history. Implementations join the caller's current transaction and
 * never return null. The storage also refuses a negative balance (a CHECK), as a last line of defence.
 */
public interface Balances {

    /** Stores the empty balance of a new user. */
    void add(Balance balance);

    Optional<Balance> findByUser(UserId userId);

    /**
     * Reads a balance and locks it until the current transaction ends, so that concurrent charges and
     * payments of one user (on any node) apply one after the other and none is lost.
     */
    Optional<Balance> lockByUser(UserId userId);

    /** Writes back a balance read with {@link #lockByUser}, and appends the change to its history. */
    void save(Balance balance, BalanceChange change);

    /** One page of the history of a user's balance, newest first. */
    Page<BalanceChange> history(UserId userId, PageRequest page);
}
