package dev.orderengine.application.order;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.OrderId;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.util.List;

/** Reads orders with their payment attempts. */
public final class OrderQueries {

    private final Transactions transactions;
    private final Users users;
    private final Orders orders;
    private final OrderPayment payment;

    OrderQueries(Transactions transactions, Users users, Orders orders, OrderPayment payment) {
        this.transactions = transactions;
        this.users = users;
        this.orders = orders;
        this.payment = payment;
    }

    public OrderView order(OrderId id) {
        return transactions.readOnly(() -> payment.view(orders.findById(id).orElseThrow(() -> OrderPayment.orderNotFound(id))));
    }

    /** A user's orders, newest first. */
    public List<OrderView> ordersOf(UserId userId) {
        return transactions.readOnly(() -> {
            if (users.findById(userId).isEmpty()) {
                throw new NotFoundException(ErrorCode.USER_NOT_FOUND, "user " + userId + " does not exist");
            }
            return orders.findByUser(userId).stream().map(payment::view).toList();
        });
    }
}
