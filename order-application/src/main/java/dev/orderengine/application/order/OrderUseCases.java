package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.OrderEvents;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.time.Duration;

/** Wires the order use cases over their ports. */
public final class OrderUseCases {

    private final PlaceOrder placeOrder;
    private final PayOrder payOrder;
    private final CancelOrder cancelOrder;
    private final RefundOrder refundOrder;
    private final ExpireReservations expireReservations;
    private final OrderQueries queries;

    public OrderUseCases(Transactions transactions, Users users, Products products, StockReservations stock,
                         Orders orders, Coupons coupons, Balances balances, Payments payments, OrderEvents events,
                         IdempotencyKeys idempotencyKeys, Clock clock, Duration reservationTtl) {
        OrderPayment payment = new OrderPayment(transactions, users, orders, coupons, balances, payments, events, idempotencyKeys,
                clock, reservationTtl);
        this.placeOrder = new PlaceOrder(transactions, users, orders, products, stock, idempotencyKeys, payment, clock);
        this.payOrder = new PayOrder(payment);
        this.cancelOrder = new CancelOrder(transactions, orders, stock, payment, clock);
        this.refundOrder = new RefundOrder(transactions, orders, stock, coupons, balances, payments, events, idempotencyKeys, clock);
        this.expireReservations = new ExpireReservations(transactions, orders, stock, clock, reservationTtl);
        this.queries = new OrderQueries(transactions, users, orders, payments, payment);
    }

    public PlaceOrder placeOrder() {
        return placeOrder;
    }

    public PayOrder payOrder() {
        return payOrder;
    }

    public CancelOrder cancelOrder() {
        return cancelOrder;
    }

    public RefundOrder refundOrder() {
        return refundOrder;
    }

    public ExpireReservations expireReservations() {
        return expireReservations;
    }

    public OrderQueries queries() {
        return queries;
    }
}
