package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole order flow of one request, in two transactions: first validate the user, create the order and
 * take the stock of every line at today's prices ({@code STOCK_ALLOCATED}); then pay it ({@link OrderPayment}).
 * With an idempotency key, the key is claimed in the first transaction, so a retry after a crash between
 * the two pays the order already allocated instead of allocating again.
 */
public final class PlaceOrder {

    private final Transactions transactions;
    private final Users users;
    private final Orders orders;
    private final Products products;
    private final StockReservations stock;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderPayment payment;
    private final Clock clock;

    PlaceOrder(Transactions transactions, Users users, Orders orders, Products products, StockReservations stock,
               IdempotencyKeys idempotencyKeys, OrderPayment payment, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.orders = orders;
        this.products = products;
        this.stock = stock;
        this.idempotencyKeys = idempotencyKeys;
        this.payment = payment;
        this.clock = clock;
    }

    /**
     * Places and pays the order. Out of stock (or any other refusal before payment) leaves nothing behind.
     * A refused payment is thrown carrying the order id; the order then stays allocated for
     * {@link PayOrder} or {@link CancelOrder}, or until its reservation expires.
     */
    public OrderView place(PlaceOrderCommand command) {
        Optional<IdempotencyGuard> guard = IdempotencyGuard.of(command.idempotencyKey(), "place-order", command.canonical());
        Allocation allocation = transactions.inTransaction(() -> allocate(command, guard));
        try {
            return payment.pay(allocation.orderId(), command.userId(), command.couponId(), guard, allocation.fresh());
        } catch (DomainException refused) {
            // whatever refused it, the order exists: a client resuming its key learns which one (a cancelled one, say)
            throw refused.orderId().isPresent() ? refused : refused.concerningOrder(allocation.orderId().value());
        }
    }

    /** The order to pay; {@code fresh} when this request allocated it (rather than an earlier one with the same key). */
    private record Allocation(OrderId orderId, boolean fresh) {
    }

    private Allocation allocate(PlaceOrderCommand command, Optional<IdempotencyGuard> guard) {
        User customer = users.require(command.userId()); // before the key, whose record refers to the user
        if (guard.isPresent()) {
            IdempotencyClaim claim = idempotencyKeys.claim(guard.get().key(), guard.get().fingerprint());
            switch (claim) {
                case IdempotencyClaim.Completed completed -> {
                    return new Allocation(new OrderId(completed.outcome().orderId().orElseThrow()), false);
                }
                case IdempotencyClaim.Resumable resumable -> {
                    return new Allocation(new OrderId(resumable.orderId()), false);
                }
                case IdempotencyClaim.Fresh fresh -> {
                    // first time: go on and allocate
                }
            }
        }
        Order order = Order.place(orders.nextId(), customer, command.items(), clock.instant());
        order.allocateStock(products.findAllById(command.items().stream().map(OrderItem::productId).toList()), stock, clock.instant());
        orders.add(order);
        guard.ifPresent(g -> idempotencyKeys.attachOrder(g.key(), order.id().value()));
        return new Allocation(order.id(), true);
    }
}
