package dev.orderengine.application.user;

import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.user.Users;
import java.time.Clock;

/** Wires the user and balance use cases over their ports. */
public final class UserUseCases {

    private final RegisterUser registerUser;
    private final ChargeBalance chargeBalance;
    private final UserQueries queries;

    public UserUseCases(Transactions transactions, Users users, Balances balances, Coupons coupons,
                        IdempotencyKeys idempotencyKeys, Clock clock) {
        this.registerUser = new RegisterUser(transactions, users, balances, clock);
        this.chargeBalance = new ChargeBalance(transactions, users, balances, idempotencyKeys, clock);
        this.queries = new UserQueries(transactions, users, balances, coupons, clock);
    }

    public RegisterUser registerUser() {
        return registerUser;
    }

    public ChargeBalance chargeBalance() {
        return chargeBalance;
    }

    public UserQueries queries() {
        return queries;
    }
}
