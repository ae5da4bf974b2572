package dev.orderengine.domain.payment;

import dev.orderengine.domain.order.OrderId;
import java.util.List;

/**
 * Storage of payment attempts. Implementations join the caller's current transaction.
 * The storage refuses a second SUCCEEDED payment for one order (a unique constraint), as a last line of defence.
 */
public interface Payments {

    /** A fresh identity for a payment attempt; never handed out twice. */
    PaymentId nextId();

    void add(Payment payment);

    /** Every attempt to pay the order, oldest first. */
    List<Payment> findByOrder(OrderId orderId);
}
