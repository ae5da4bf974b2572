package dev.orderengine.application.order;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.util.List;
import java.util.Map;

/** Reads orders with their payment attempts. */
public final class OrderQueries {

    private final Transactions transactions;
    private final Users users;
    private final Orders orders;
    private final Payments payments;
    private final OrderPayment payment;

    OrderQueries(Transactions transactions, Users users, Orders orders, Payments payments, OrderPayment payment) {
        this.transactions = transactions;
        this.users = users;
        this.orders = orders;
        this.payments = payments;
        this.payment = payment;
    }

    /** One refund of an order; {@code ORDER_NOT_FOUND} for an unknown order, {@code NOT_FOUND} for a refund it does not have. */
    public Refund refund(OrderId orderId, RefundId refundId) {
        return transactions.readOnly(() -> orders.findById(orderId).orElseThrow(() -> OrderPayment.orderNotFound(orderId))
                .refunds().stream().filter(refund -> refund.id().equals(refundId)).findFirst()
                .orElseThrow(() -> new NotFoundException(ErrorCode.NOT_FOUND, "order " + orderId + " has no refund " + refundId)));
    }

    public OrderView order(OrderId id) {
        return transactions.readOnly(() -> payment.view(orders.findById(id).orElseThrow(() -> OrderPayment.orderNotFound(id))));
    }

    /** One page of a user's orders, newest first, each with its payment attempts (read in one query for the page). */
    public Page<OrderView> ordersOf(UserId userId, PageRequest page) {
        return transactions.readOnly(() -> {
            users.require(userId);
            Page<Order> found = orders.findByUser(userId, page);
            Map<OrderId, List<Payment>> attempts = payments.findByOrders(found.items().stream().map(Order::id).toList());
            return found.map(order -> new OrderView(order, attempts.getOrDefault(order.id(), List.of())));
        });
    }
}
