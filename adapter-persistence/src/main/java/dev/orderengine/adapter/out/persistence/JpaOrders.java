package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Locking;

/**
 * Orders with their lines, each read in one statement (the lines joined in); the refunds of an order that has some in
 * two more (the refunds, then their lines).
 */
final class JpaOrders implements Orders {

    private static final String WITH_LINES = "select o from OrderJpaEntity o left join fetch o.lines ";

    private final SessionScope scope;
    private final PooledSequence ids;
    private final PooledSequence refundIds;

    JpaOrders(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "orders_seq");
        this.refundIds = new PooledSequence(scope, "order_refunds_seq");
    }

    @Override
    public OrderId nextId() {
        return new OrderId(ids.next());
    }

    @Override
    public RefundId nextRefundId() {
        return new RefundId(refundIds.next());
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
     *
     * <p>Refunds change the lines of a paid order, and on PostgreSQL a read that waited for the lock re-reads the latest
     * version of the rows it locked only: joined lines would be those from before the refund it waited for (and a unit
     * could be refunded twice). So a paid order, the only kind a refund can have changed, has its lines read again under
     * the lock; an order not paid yet (the payment and cancel paths) costs no second read.
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
                .map(locked -> {
                    if (locked.status.isRefundable() || locked.status.hasRefunds()) {
                        session.refresh(locked);
                    }
                    return OrderMapper.toDomain(locked);
                }));
    }

    @Override
    public void save(Order order) {
        scope.run(session -> {
            OrderJpaEntity entity = Entities.find(session, OrderJpaEntity.class, order.id().value())
                    .orElseThrow(() -> new IllegalStateException("order " + order.id() + " is not stored"));
            OrderMapper.copyState(order, entity);
        });
    }

    /** The page's ids first (a fetch of the lines cannot be paged in the database), then those orders with their lines. */
    @Override
    public Page<Order> findByUser(UserId userId, PageRequest page) {
        return scope.call(session -> {
            long total = session.createSelectionQuery("select count(o) from OrderJpaEntity o where o.userId = :user", Long.class)
                    .setParameter("user", userId.value()).getSingleResult();
            List<Long> ids = total <= page.offset() ? List.of() : session.createSelectionQuery(
                            "select o.id from OrderJpaEntity o where o.userId = :user order by o.createdAt desc, o.id desc", Long.class)
                    .setParameter("user", userId.value())
                    .setFirstResult(Math.toIntExact(page.offset()))
                    .setMaxResults(page.size())
                    .getResultList();
            Map<Long, Order> byId = ids.isEmpty() ? Map.of() : session.createSelectionQuery(WITH_LINES + "where o.id in :ids", OrderJpaEntity.class)
                    .setParameter("ids", ids)
                    .getResultList().stream().map(OrderMapper::toDomain)
                    .collect(Collectors.toMap(order -> order.id().value(), Function.identity()));
            return new Page<>(ids.stream().map(byId::get).toList(), page.page(), page.size(), total);
        });
    }

    @Override
    public List<OrderId> findAllocatedCreatedBefore(Instant createdAtOrBefore, Optional<OrderId> after, int limit) {
        return scope.call(session -> session.createSelectionQuery(
                        "select o.id from OrderJpaEntity o where o.status = :status and o.createdAt <= :cutoff and o.id > :after order by o.id",
                        Long.class)
                .setParameter("status", OrderStatus.STOCK_ALLOCATED)
                .setParameter("cutoff", createdAtOrBefore)
                .setParameter("after", after.map(OrderId::value).orElse(0L))
                .setMaxResults(limit)
                .getResultList().stream().map(OrderId::new).toList());
    }
}
