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
import java.util.List;
import java.util.Optional;

/**
 * The whole order flow of one request, in one transaction: validate the user, create the order, allocate the stock of
 * every line at today's prices ({@code STOCK_ALLOCATED}), then pay it ({@link OrderPayment}) and commit once. The
 * stock is checked at allocation and taken as the transaction's last write ({@link DeferredStock}), so that the rows
 * of a popular product are locked for the shortest time; the answers are those of taking it first. With an
 * idempotency key, the key is claimed first in that transaction: a repeat of a finished request gets its answer, and
 * one that finds an order allocated by an earlier request (whose payment was refused) pays that order instead of
 * allocating again.
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
     * A refused payment is recorded and then thrown carrying the order id; the order stays allocated for
     * {@link PayOrder} or {@link CancelOrder}, or until its reservation expires.
     */
    public OrderView place(PlaceOrderCommand command) {
        Optional<IdempotencyGuard> guard = IdempotencyGuard.of(command.idempotencyKey(), "place-order", command.canonical());
        return transactions.inTransaction(() -> placeAndPay(command, guard)).answer();
    }

    private OrderPayment.Settlement placeAndPay(PlaceOrderCommand command, Optional<IdempotencyGuard> guard) {
        User customer = users.require(command.userId()); // before the key, whose record refers to the user
        if (guard.isPresent()) {
            IdempotencyClaim claim = idempotencyKeys.claim(guard.get().key(), guard.get().fingerprint());
            switch (claim) {
                case IdempotencyClaim.Completed completed -> {
                    return payment.replay(completed.outcome());
                }
                case IdempotencyClaim.Resumable resumable -> {
                    OrderId allocated = new OrderId(resumable.orderId());
                    try {
                        return payment.payStored(allocated, command.userId(), command.couponId(), guard);
                    } catch (DomainException refused) {
                        // the order exists: a client resuming its key learns which one (a cancelled one, say)
                        throw refused.orderId().isPresent() ? refused : refused.concerningOrder(allocated.value());
                    }
                }
                case IdempotencyClaim.Fresh fresh -> {
                    // first time: go on and allocate
                }
            }
        }
        Order order = Order.place(orders.nextId(), customer, command.items(), clock.instant());
        DeferredStock held = new DeferredStock(stock);
        order.allocateStock(products.findAllById(command.items().stream().map(OrderItem::productId).toList()), held, clock.instant());
        orders.add(order);
        guard.ifPresent(g -> idempotencyKeys.attachOrder(g.key(), order.id().value()));
        OrderPayment.Settlement settled = payment.settle(order, command.userId(), command.couponId(), guard, List.of());
        held.take(); // the last write, paid or refused: the order stays allocated either way
        return settled;
    }
}
