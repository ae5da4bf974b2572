package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.shared.OrderId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Payment attempts. A second SUCCEEDED payment of one order breaks a unique constraint when the transaction
 * flushes; it surfaces as {@code ORDER_NOT_PAYABLE} (see {@link StorageErrors}).
 */
final class JpaPayments implements Payments {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaPayments(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "payments_seq");
    }

    @Override
    public PaymentId nextId() {
        return new PaymentId(ids.next());
    }

    @Override
    public void add(Payment payment) {
        scope.run(session -> session.persist(PaymentMapper.toEntity(payment)));
    }

    @Override
    public List<Payment> findByOrder(OrderId orderId) {
        return scope.call(session -> session.createSelectionQuery(
                        "from PaymentJpaEntity p where p.orderId = :order order by p.createdAt, p.id", PaymentJpaEntity.class)
                .setParameter("order", orderId.value())
                .getResultList().stream().map(PaymentMapper::toDomain).toList());
    }

    @Override
    public Map<OrderId, List<Payment>> findByOrders(Collection<OrderId> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return scope.call(session -> session.createSelectionQuery(
                        "from PaymentJpaEntity p where p.orderId in :orders order by p.createdAt, p.id", PaymentJpaEntity.class)
                .setParameter("orders", orderIds.stream().map(OrderId::value).toList())
                .getResultList().stream().map(PaymentMapper::toDomain)
                .collect(Collectors.groupingBy(Payment::orderId, LinkedHashMap::new, Collectors.toList())));
    }
}
