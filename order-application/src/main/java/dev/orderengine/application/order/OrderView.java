package dev.orderengine.application.order;

import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.payment.Payment;
import java.util.List;
import java.util.Objects;

/** An order with every attempt to pay it, oldest first: what the API shows of an order. */
public record OrderView(Order order, List<Payment> payments) {

    public OrderView {
        Objects.requireNonNull(order, "order");
        payments = List.copyOf(payments);
    }
}
