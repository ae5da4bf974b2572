package dev.orderengine.application.user;

import dev.orderengine.application.port.Fingerprint;
import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.Users;
import java.time.Clock;

/** Adds money to a user's balance and records it in the history; with an idempotency key, at most once. */
public final class ChargeBalance {

    private final Transactions transactions;
    private final Users users;
    private final Balances balances;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    ChargeBalance(Transactions transactions, Users users, Balances balances, IdempotencyKeys idempotencyKeys, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /** Returns the new balance; a repeat with the same key returns the balance the first charge left. */
    public BalanceView charge(ChargeBalanceCommand command) {
        return transactions.inTransaction(() -> {
            User user = users.require(command.userId()); // before the key, whose record refers to the user
            if (command.idempotencyKey().isPresent()) {
                IdempotencyClaim claim = idempotencyKeys.claim(command.idempotencyKey().get(),
                        Fingerprint.of("charge-balance", command.canonical()));
                if (claim instanceof IdempotencyClaim.Completed completed) {
                    return new BalanceView(command.userId(), completed.outcome().balance().orElseThrow());
                }
            }
            user.ensureActive();
            Balance balance = balances.lockByUser(command.userId())
                    .orElseThrow(() -> new IllegalStateException("user " + command.userId() + " has no balance"));
            balances.save(balance, balance.charge(command.amount(), clock.instant()));
            command.idempotencyKey().ifPresent(key -> idempotencyKeys.complete(key, IdempotentOutcome.balance(balance.amount())));
            return new BalanceView(command.userId(), balance.amount());
        });
    }
}
