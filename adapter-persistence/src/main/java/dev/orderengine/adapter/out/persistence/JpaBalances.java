package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Optional;

final class JpaBalances implements Balances {

    private final SessionScope scope;
    private final PooledSequence historyIds;

    JpaBalances(SessionScope scope) {
        this.scope = scope;
        this.historyIds = new PooledSequence(scope, "balance_history_seq");
    }

    @Override
    public void add(Balance balance) {
        scope.run(session -> session.persist(BalanceMapper.toEntity(balance)));
    }

    @Override
    public Optional<Balance> findByUser(UserId userId) {
        return scope.call(session -> Entities.find(session, BalanceJpaEntity.class, userId.value()).map(BalanceMapper::toDomain));
    }

    @Override
    public Optional<Balance> lockByUser(UserId userId) {
        return scope.call(session -> RowLocks.lockForUpdate(session, BalanceJpaEntity.class, userId.value()).map(BalanceMapper::toDomain));
    }

    @Override
    public void save(Balance balance, BalanceChange change) {
        if (!change.userId().equals(balance.userId())) {
            throw new IllegalArgumentException("change of user " + change.userId() + " saved with the balance of user " + balance.userId());
        }
        long historyId = historyIds.next();
        scope.run(session -> {
            BalanceJpaEntity entity = Entities.find(session, BalanceJpaEntity.class, balance.userId().value())
                    .orElseThrow(() -> new IllegalStateException("user " + balance.userId() + " has no stored balance"));
            entity.amount = balance.amount().amount();
            session.persist(BalanceMapper.toEntity(historyId, change));
        });
    }

    @Override
    public Page<BalanceChange> history(UserId userId, PageRequest page) {
        return scope.call(session -> {
            long total = session.createSelectionQuery("select count(h) from BalanceHistoryJpaEntity h where h.userId = :user", Long.class)
                    .setParameter("user", userId.value()).getSingleResult();
            List<BalanceChange> items = total <= page.offset() ? List.of() : session.createSelectionQuery(
                            "from BalanceHistoryJpaEntity h where h.userId = :user order by h.createdAt desc, h.id desc",
                            BalanceHistoryJpaEntity.class)
                    .setParameter("user", userId.value())
                    .setFirstResult(Math.toIntExact(page.offset()))
                    .setMaxResults(page.size())
                    .getResultList().stream().map(BalanceMapper::toDomain).toList();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }
}
