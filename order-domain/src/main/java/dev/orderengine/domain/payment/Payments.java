package dev.orderengine.domain.payment;

import dev.orderengine.domain.shared.OrderId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Storage of payment attempts. Implementations join the caller's current transaction.
 * The storage refuses a second SUCCEEDED payment for one order (a unique constraint), as a last line of defence:
 * the transaction then fails, at the latest when it commits, with {@code ORDER_NOT_PAYABLE}.
 */
public interface Payments {

    /** A fresh identity for a payment attempt; never handed out twice. */
    PaymentId nextId();

    void add(Payment payment);

    /** Every attempt to pay the order, oldest first. */
    List<Payment> findByOrder(OrderId orderId);

    /** Every attempt to pay each of the orders, oldest first; orders without attempts are absent. One read for a list of orders. */
    Map<OrderId, List<Payment>> findByOrders(Collection<OrderId> orderIds);
}
