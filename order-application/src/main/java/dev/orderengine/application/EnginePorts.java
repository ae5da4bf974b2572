package dev.orderengine.application;

import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.CouponSources;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.OrderEvents;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.user.Users;
import java.util.Objects;

/**
 * Every driven port the engine needs, implemented by one storage adapter (the persistence adapter, or the
 * in-memory one of the test-jar). All of them must join the transactions of {@link #transactions()}.
 */
public record EnginePorts(Transactions transactions, Users users, Products products, StockReservations stock,
                          CouponSources couponSources, Coupons coupons, Balances balances, Payments payments,
                          Orders orders, OrderEvents orderEvents, IdempotencyKeys idempotencyKeys) {

    public EnginePorts {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(couponSources, "couponSources");
        Objects.requireNonNull(coupons, "coupons");
        Objects.requireNonNull(balances, "balances");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(orderEvents, "orderEvents");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
    }
}
