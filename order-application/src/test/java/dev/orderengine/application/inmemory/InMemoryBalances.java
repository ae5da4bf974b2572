package dev.orderengine.application.inmemory;

import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link Balances} in memory, each with its history. Balances are mutable, so rows are private copies in and
 * out. {@link #save} refuses a change that does not match the balance it accompanies, as a database trigger
 * or check would; a negative balance cannot even be expressed by {@code Money}.
 */
final class InMemoryBalances implements Balances {

    private final Table<UserId, Balance> balances;
    private final Table<UserId, List<BalanceChange>> history;

    InMemoryBalances(TransactionScope scope) {
        this.balances = new Table<>(scope, new HashMap<>());
        this.history = new Table<>(scope, new HashMap<>());
    }

    @Override
    public void add(Balance balance) {
        balances.insert(balance.userId(), copy(balance), "balance of user");
    }

    @Override
    public Optional<Balance> findByUser(UserId userId) {
        return balances.find(userId).map(InMemoryBalances::copy);
    }

    @Override
    public Optional<Balance> lockByUser(UserId userId) {
        return findByUser(userId);
    }

    @Override
    public void save(Balance balance, BalanceChange change) {
        balances.existing(balance.userId(), "balance of user");
        if (!change.userId().equals(balance.userId()) || !change.balanceAfter().equals(balance.amount())) {
            throw new IllegalArgumentException("change " + change + " does not lead to balance " + balance.amount()
                    + " of user " + balance.userId());
        }
        balances.put(balance.userId(), copy(balance));
        List<BalanceChange> earlier = history.find(balance.userId()).orElse(List.of());
        history.put(balance.userId(), Stream.concat(earlier.stream(), Stream.of(change)).toList());
    }

    @Override
    public Page<BalanceChange> history(UserId userId, PageRequest page) {
        return Page.slice(history.find(userId).orElse(List.of()).reversed(), page);
    }

    private static Balance copy(Balance balance) {
        return Balance.restore(balance.userId(), balance.amount());
    }
}
