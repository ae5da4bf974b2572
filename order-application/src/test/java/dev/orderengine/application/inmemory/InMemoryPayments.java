package dev.orderengine.application.inmemory;

import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.shared.OrderId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link Payments} in memory, per order in the order they were added. A second {@code SUCCEEDED} payment of
 * one order fails with {@link IllegalStateException}, like the unique constraint of the database.
 */
final class InMemoryPayments implements Payments {

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final Table<OrderId, List<Payment>> payments;

    InMemoryPayments(TransactionScope scope) {
        this.scope = scope;
        this.payments = new Table<>(scope, new HashMap<>());
    }

    @Override
    public PaymentId nextId() {
        scope.checkOpen();
        return new PaymentId(ids.incrementAndGet());
    }

    @Override
    public void add(Payment payment) {
        List<Payment> earlier = findByOrder(payment.orderId());
        if (payment.status() == PaymentStatus.SUCCEEDED && earlier.stream().anyMatch(p -> p.status() == PaymentStatus.SUCCEEDED)) {
            throw new IllegalStateException("order " + payment.orderId() + " already has a successful payment");
        }
        payments.put(payment.orderId(), Stream.concat(earlier.stream(), Stream.of(payment)).toList());
    }

    @Override
    public List<Payment> findByOrder(OrderId orderId) {
        return payments.find(orderId).orElse(List.of());
    }

    @Override
    public Map<OrderId, List<Payment>> findByOrders(Collection<OrderId> orderIds) {
        Map<OrderId, List<Payment>> found = new LinkedHashMap<>();
        orderIds.forEach(id -> payments.find(id).ifPresent(attempts -> found.put(id, attempts)));
        return found;
    }
}
