package dev.orderengine.domain.order;

import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of orders with their lines. Implementations join the caller's current transaction and never return null. */
public interface Orders {

    /** A fresh identity for an order about to be placed; never handed out twice. */
    OrderId nextId();

    /** A fresh identity for a refund about to be made; never handed out twice. */
    RefundId nextRefundId();

    /** Stores a newly placed order with its lines. */
    void add(Order order);

    Optional<Order> findById(OrderId id);

    /**
     * Reads an order and locks it until the current transaction ends, so that a payment, a cancellation
     * and the expiry job (on any node) never act on the same order at once.
     */
    Optional<Order> lockById(OrderId id);

    /** Writes back the status, amounts, payment, refunded quantities and new refunds of an order read with {@link #lockById}. */
    void save(Order order);

    /** One page of a user's orders, newest first ({@code createdAt}, then id). */
    Page<Order> findByUser(UserId userId, PageRequest page);

    /**
     * Up to {@code limit} orders still {@code STOCK_ALLOCATED} that were created at or before {@code createdAtOrBefore},
     * in id order, after {@code after} when given: read page after page, every such order comes once.
     */
    List<OrderId> findAllocatedCreatedBefore(Instant createdAtOrBefore, Optional<OrderId> after, int limit);
}
