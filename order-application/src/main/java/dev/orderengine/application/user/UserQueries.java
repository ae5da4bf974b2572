package dev.orderengine.application.user;

import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.time.Instant;

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

    /** One page of the changes of the balance, newest first. */
    public Page<BalanceChange> balanceHistory(UserId id, PageRequest page) {
        return transactions.readOnly(() -> {
            users.require(id);
            return balances.history(id, page);
        });
    }

    /** One page of the user's coupons, newest first, each with its status as of now. */
    public Page<CouponView> coupons(UserId id, PageRequest page) {
        return transactions.readOnly(() -> {
            users.require(id);
            Instant now = clock.instant();
            return coupons.findByOwner(id, page).map(coupon -> CouponView.at(coupon, now));
        });
    }
}
