package dev.orderengine.application.order;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.OrderId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cancels orders that hold stock but were not paid within the reservation TTL, and gives their stock back.
 * Safe to run on several nodes at once: each order is expired under its row lock, and one already paid or
 * cancelled meanwhile is left alone. One order that cannot be expired (any failure) never holds up the others: its
 * failure is reported once, the run goes on past it, and the next run tries it again.
 */
public final class ExpireReservations {

    static final int BATCH_SIZE = 100;

    private final Transactions transactions;
    private final Orders orders;
    private final StockReservations stock;
    private final Clock clock;
    private final Duration ttl;
    /** Orders whose expiry failed in the last run, so that a failure is reported when it starts, not on every run. */
    private final Set<OrderId> failing = new HashSet<>();

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

    /** Expires every reservation due now, one short transaction per order, in id order. */
    public synchronized ExpiryReport expireDue() {
        int expired = 0;
        List<ExpiryReport.Failure> newFailures = new ArrayList<>();
        Set<OrderId> failedNow = new HashSet<>();
        Instant cutoff = clock.instant().minus(ttl);
        Optional<OrderId> after = Optional.empty();
        List<OrderId> due;
        do {
            Optional<OrderId> from = after;
            due = transactions.readOnly(() -> orders.findAllocatedCreatedBefore(cutoff, from, BATCH_SIZE));
            for (OrderId id : due) {
                try {
                    if (transactions.inTransaction(() -> expire(id))) {
                        expired++;
                    }
                } catch (RuntimeException failure) {
                    failedNow.add(id);
                    if (!failing.contains(id)) {
                        newFailures.add(new ExpiryReport.Failure(id, failure));
                    }
                }
            }
            after = due.isEmpty() ? after : Optional.of(due.getLast());
        } while (due.size() == BATCH_SIZE);
        failing.retainAll(failedNow);
        failing.addAll(failedNow);
        return new ExpiryReport(expired, newFailures, failing.size());
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
