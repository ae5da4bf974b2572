package dev.orderengine.application.testing;

import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link PlaceOrderCommand} line by line; no coupon and no idempotency key unless given. */
public final class OrderRequest {

    private final OrderEngine engine;
    private final UserId user;
    private final List<OrderItem> items = new ArrayList<>();
    private Optional<CouponId> coupon = Optional.empty();
    private Optional<IdempotencyKey> key = Optional.empty();

    OrderRequest(OrderEngine engine, UserId user) {
        this.engine = engine;
        this.user = user;
    }

    public OrderRequest item(ProductId product, int quantity) {
        items.add(new OrderItem(product, quantity));
        return this;
    }

    public OrderRequest coupon(CouponId couponId) {
        coupon = Optional.of(couponId);
        return this;
    }

    public OrderRequest idempotencyKey(String value) {
        key = Optional.of(new IdempotencyKey(user, value));
        return this;
    }

    public PlaceOrderCommand command() {
        return new PlaceOrderCommand(user, items, coupon, key);
    }

    public OrderView place() {
        return engine.orders().placeOrder().place(command());
    }
}
