package dev.orderengine.application.user;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.Users;
import java.time.Clock;

/** Registers an active user with an empty balance. */
public final class RegisterUser {

    private final Transactions transactions;
    private final Users users;
    private final Balances balances;
    private final Clock clock;

    RegisterUser(Transactions transactions, Users users, Balances balances, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
        this.clock = clock;
    }

    public User register(RegisterUserCommand command) {
        return transactions.inTransaction(() -> {
            User user = User.register(users.nextId(), command.name(), clock.instant());
            users.add(user);
            balances.add(Balance.openFor(user.id()));
            return user;
        });
    }
}
