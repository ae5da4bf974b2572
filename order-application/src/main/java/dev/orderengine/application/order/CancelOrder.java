package dev.orderengine.application.order;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import java.time.Clock;
import java.util.List;

/** Cancels an unpaid order at its owner's request and gives its stock back. */
public final class CancelOrder {

    private final Transactions transactions;
    private final Orders orders;
    private final StockReservations stock;
    private final OrderPayment payment;
    private final Clock clock;

    CancelOrder(Transactions transactions, Orders orders, StockReservations stock, OrderPayment payment, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.payment = payment;
        this.clock = clock;
    }

    /** Refuses with {@code ORDER_NOT_OWNED}, or {@code ORDER_NOT_CANCELLABLE} once the order is completed or cancelled. */
    public OrderView cancel(CancelOrderCommand command) {
        return transactions.inTransaction(() -> {
            Order order = orders.lockById(command.orderId()).orElseThrow(() -> OrderPayment.orderNotFound(command.orderId()));
            order.ensureOwnedBy(command.userId());
            List<StockLine> held = order.cancel(clock.instant());
            if (!held.isEmpty()) {
                stock.release(held);
            }
            orders.save(order);
            return payment.view(order);
        });
    }
}
