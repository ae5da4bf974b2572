package dev.orderengine.application.inmemory;

import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Orders} in memory. Orders are mutable, so rows are private copies in and out, rebuilt through
 * {@link Order#restore}. Because {@code restore} derives the requested items from the priced lines, only an order
 * with lines (allocated, or later) can be stored; adding one without lines fails with {@link IllegalArgumentException}.
 */
final class InMemoryOrders implements Orders {

    private static final Comparator<Order> OLDEST_FIRST = Comparator.comparing(Order::createdAt)
            .thenComparingLong(order -> order.id().value());

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong refundIds = new AtomicLong();
    private final Table<OrderId, Order> orders;

    InMemoryOrders(TransactionScope scope) {
        this.scope = scope;
        this.orders = new Table<>(scope, new TreeMap<>(Comparator.comparingLong(OrderId::value)));
    }

    @Override
    public OrderId nextId() {
        scope.checkOpen();
        return new OrderId(ids.incrementAndGet());
    }

    @Override
    public RefundId nextRefundId() {
        scope.checkOpen();
        return new RefundId(refundIds.incrementAndGet());
    }

    @Override
    public void add(Order order) {
        if (order.lines().isEmpty()) {
            throw new IllegalArgumentException("order " + order.id() + " has no priced lines to store");
        }
        orders.insert(order.id(), copy(order), "order");
    }

    @Override
    public Optional<Order> findById(OrderId id) {
        return orders.find(id).map(InMemoryOrders::copy);
    }

    @Override
    public Optional<Order> lockById(OrderId id) {
        return findById(id);
    }

    @Override
    public void save(Order order) {
        orders.existing(order.id(), "order");
        orders.put(order.id(), copy(order));
    }

    @Override
    public Page<Order> findByUser(UserId userId, PageRequest page) {
        return Page.slice(orders.rows().stream()
                .filter(order -> order.userId().equals(userId))
                .sorted(OLDEST_FIRST.reversed())
                .map(InMemoryOrders::copy)
                .toList(), page);
    }

    @Override
    public List<OrderId> findAllocatedCreatedBefore(Instant createdAtOrBefore, Optional<OrderId> after, int limit) {
        return orders.rows().stream()
                .filter(order -> order.status() == OrderStatus.STOCK_ALLOCATED && !order.createdAt().isAfter(createdAtOrBefore))
                .filter(order -> after.map(last -> order.id().value() > last.value()).orElse(true))
                .sorted(Comparator.comparingLong(order -> order.id().value()))
                .limit(limit)
                .map(Order::id)
                .toList();
    }

    private static Order copy(Order order) {
        return Order.restore(order.id(), order.userId(), order.status(), order.lines(), order.couponId().orElse(null),
                order.originalAmount(), order.discountAmount(), order.totalAmount(), order.paymentId().orElse(null),
                order.createdAt(), order.updatedAt(), order.completedAt().orElse(null), order.refunds());
    }
}
