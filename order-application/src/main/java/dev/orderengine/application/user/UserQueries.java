package dev.orderengine.application.user;

import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Reads users, their balance and its history, and their coupons. Every read refuses an unknown user with {@code USER_NOT_FOUND}. */
public final class UserQueries {

    private final Transactions transactions;
    private final Users users;
    private final Balances balances;
    private final Coupons coupons;
    private final Clock clock;

    UserQueries(Transactions transactions, Users users, Balances balances, Coupons coupons, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.balances = balances;
        this.coupons = coupons;
        this.clock = clock;
    }

    public User user(UserId id) {
        return transactions.readOnly(() -> users.require(id));
    }

    public BalanceView balance(UserId id) {
        return transactions.readOnly(() -> {
            users.require(id);
            return new BalanceView(id, balances.findByUser(id)
                    .orElseThrow(() -> new IllegalStateException("user " + id + " has no balance")).amount());
        });
    }

    /** Every change of the balance, newest first. */
    public List<BalanceChange> balanceHistory(UserId id) {
        return transactions.readOnly(() -> {
            users.require(id);
            return balances.history(id);
        });
    }

    /** Every coupon of the user, newest first, with its status as of now. */
    public List<CouponView> coupons(UserId id) {
        return transactions.readOnly(() -> {
            users.require(id);
            Instant now = clock.instant();
            return coupons.findByOwner(id).stream().map(coupon -> CouponView.at(coupon, now)).toList();
        });
    }
}
