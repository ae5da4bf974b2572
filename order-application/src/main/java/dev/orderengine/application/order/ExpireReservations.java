package dev.orderengine.application.order;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.OrderId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Cancels orders that hold stock but were not paid within the reservation TTL, and gives their stock back.
 * Safe to run on several nodes at once: each order is expired under its row lock, and one already paid or
 * cancelled meanwhile is left alone.
 */
public final class ExpireReservations {

    static final int BATCH_SIZE = 100;

    private final Transactions transactions;
    private final Orders orders;
    private final StockReservations stock;
    private final Clock clock;
    private final Duration ttl;

    ExpireReservations(Transactions transactions, Orders orders, StockReservations stock, Clock clock, Duration ttl) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.clock = clock;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("reservation TTL must be positive: " + ttl);
        }
    }

    /** Expires every reservation due now, one short transaction per order; returns how many it expired. */
    public int expireDue() {
        int expired = 0;
        List<OrderId> due;
        do {
            Instant cutoff = clock.instant().minus(ttl);
            due = transactions.readOnly(() -> orders.findAllocatedCreatedBefore(cutoff, BATCH_SIZE));
            for (OrderId id : due) {
                if (transactions.inTransaction(() -> expire(id))) {
                    expired++;
                }
            }
        } while (due.size() == BATCH_SIZE);
        return expired;
    }

    private boolean expire(OrderId id) {
        Instant now = clock.instant();
        Order order = orders.lockById(id).orElse(null);
        if (order == null || !order.reservationExpiredAt(now, ttl)) {
            return false;
        }
        stock.release(order.cancel(now));
        orders.save(order);
        return true;
    }
}
