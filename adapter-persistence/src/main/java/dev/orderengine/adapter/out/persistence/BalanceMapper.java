package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.Optional;

final class BalanceMapper {

    private BalanceMapper() {
    }

    static BalanceJpaEntity toEntity(Balance balance) {
        return new BalanceJpaEntity(balance.userId().value(), balance.amount().amount());
    }

    static Balance toDomain(BalanceJpaEntity entity) {
        return Balance.restore(new UserId(entity.userId), new Money(entity.amount));
    }

    static BalanceHistoryJpaEntity toEntity(long id, BalanceChange change) {
        return new BalanceHistoryJpaEntity(id, change.userId().value(), change.type(), change.amount().amount(),
                change.balanceAfter().amount(), change.orderId().map(OrderId::value).orElse(null), change.createdAt());
    }

    static BalanceChange toDomain(BalanceHistoryJpaEntity entity) {
        return new BalanceChange(new UserId(entity.userId), entity.type, new Money(entity.amount),
                new Money(entity.balanceAfter), Optional.ofNullable(entity.orderId).map(OrderId::new), entity.createdAt);
    }
}
