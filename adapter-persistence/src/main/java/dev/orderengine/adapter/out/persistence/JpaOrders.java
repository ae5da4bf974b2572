package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Locking;

/** Orders with their lines, each read in one statement (the lines joined in). */
final class JpaOrders implements Orders {

    private static final String WITH_LINES = "select o from OrderJpaEntity o left join fetch o.lines ";

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaOrders(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "orders_seq");
    }

    @Override
    public OrderId nextId() {
        return new OrderId(ids.next());
    }

    @Override
    public void add(Order order) {
        scope.run(session -> session.persist(OrderMapper.toEntity(order)));
    }

    @Override
    public Optional<Order> findById(OrderId id) {
        return scope.call(session -> session.createSelectionQuery(WITH_LINES + "where o.id = :id", OrderJpaEntity.class)
                .setParameter("id", id.value())
                .uniqueResultOptional().map(OrderMapper::toDomain));
    }

    /**
     * One {@code SELECT ... FOR UPDATE} of the order joined with its lines, locking the order row only. An order
     * without lines (never stored by the use cases) is found by a second, single-table locking read.
     */
    @Override
    public Optional<Order> lockById(OrderId id) {
        return scope.call(session -> RowLocks.lockForUpdate(session, OrderJpaEntity.class, id.value(), () -> session
                        .createSelectionQuery("select o from OrderJpaEntity o join fetch o.lines where o.id = :id", OrderJpaEntity.class)
                        .setParameter("id", id.value())
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .setFollowOnStrategy(Locking.FollowOn.DISALLOW)
                        .uniqueResultOptional()
                        .or(() -> RowLocks.lockForUpdate(session, OrderJpaEntity.class, id.value())))
                .map(OrderMapper::toDomain));
    }

    @Override
    public void save(Order order) {
        scope.run(session -> {
            OrderJpaEntity entity = Entities.find(session, OrderJpaEntity.class, order.id().value())
                    .orElseThrow(() -> new IllegalStateException("order " + order.id() + " is not stored"));
            OrderMapper.copyState(order, entity);
        });
    }

    @Override
    public List<Order> findByUser(UserId userId) {
        return scope.call(session -> session.createSelectionQuery(
                        WITH_LINES + "where o.userId = :user order by o.createdAt desc, o.id desc", OrderJpaEntity.class)
                .setParameter("user", userId.value())
                .getResultList().stream().map(OrderMapper::toDomain).toList());
    }

    @Override
    public List<OrderId> findAllocatedCreatedBefore(Instant createdAtOrBefore, int limit) {
        return scope.call(session -> session.createSelectionQuery(
                        "select o.id from OrderJpaEntity o where o.status = :status and o.createdAt <= :cutoff order by o.createdAt, o.id",
                        Long.class)
                .setParameter("status", OrderStatus.STOCK_ALLOCATED)
                .setParameter("cutoff", createdAtOrBefore)
                .setMaxResults(limit)
                .getResultList().stream().map(OrderId::new).toList());
    }
}
