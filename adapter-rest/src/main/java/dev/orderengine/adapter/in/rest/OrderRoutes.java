package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;
import static dev.orderengine.adapter.in.rest.Route.post;

import dev.orderengine.adapter.in.rest.Requests.CancelOrder;
import dev.orderengine.adapter.in.rest.Requests.PayOrder;
import dev.orderengine.adapter.in.rest.Requests.PlaceOrder;
import dev.orderengine.adapter.in.rest.Requests.RefundOrder;
import dev.orderengine.adapter.in.rest.Responses.OrderBody;
import dev.orderengine.adapter.in.rest.Responses.PageBody;
import dev.orderengine.adapter.in.rest.Responses.RefundBody;
import dev.orderengine.application.order.CancelOrderCommand;
import dev.orderengine.application.order.OrderUseCases;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.order.RefundOrderCommand;
import dev.orderengine.application.order.RefundView;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Placing, paying, cancelling, refunding and reading orders. */
final class OrderRoutes {

    private final OrderUseCases orders;
    private final Http http;
    private final ApiMetrics metrics;

    OrderRoutes(OrderUseCases orders, Http http, ApiMetrics metrics) {
        this.orders = orders;
        this.http = http;
        this.metrics = metrics;
    }

    List<Route> routes() {
        return List.of(
                post("/api/v1/orders", this::place),
                post("/api/v1/orders/{id}/payments", this::pay),
                post("/api/v1/orders/{id}/cancel", this::cancel),
                post("/api/v1/orders/{id}/refunds", this::refund).adminOnly(),
                get("/api/v1/orders/{id}/refunds/{refundId}", ctx -> http.respond(ctx, 200, RefundBody.of(orders.queries()
                        .refund(orderId(ctx), new RefundId(Http.pathId(ctx, "refundId")))))),
                get("/api/v1/orders/{id}", ctx -> http.respond(ctx, 200, OrderBody.of(orders.queries().order(orderId(ctx))))),
                get("/api/v1/users/{id}/orders", ctx -> http.respond(ctx, 200, PageBody.of(orders.queries()
                        .ordersOf(new UserId(Http.pathId(ctx, "id")), Http.pageRequest(ctx)), OrderBody::of))));
    }

    private void place(Context ctx) {
        PlaceOrder body = http.body(ctx, PlaceOrder.class);
        UserId userId = new UserId(body.userId());
        List<OrderItem> items = body.items().stream()
                .map(item -> new OrderItem(new ProductId(item.productId()), item.quantity()))
                .toList();
        var command = new PlaceOrderCommand(userId, items, couponId(body.couponId()), idempotencyKey(ctx, userId));
        OrderView view = paying(() -> orders.placeOrder().place(command));
        RequestTracing.order(view.order().id().value());
        ctx.header("Location", "/api/v1/orders/" + view.order().id());
        http.respond(ctx, 201, OrderBody.of(view));
    }

    private void pay(Context ctx) {
        OrderId orderId = orderId(ctx);
        PayOrder body = http.body(ctx, PayOrder.class);
        UserId userId = new UserId(body.userId());
        var command = new PayOrderCommand(orderId, userId, couponId(body.couponId()), idempotencyKey(ctx, userId));
        http.respond(ctx, 201, OrderBody.of(paying(() -> orders.payOrder().pay(command))));
    }

    private void cancel(Context ctx) {
        OrderId orderId = orderId(ctx);
        CancelOrder body = http.body(ctx, CancelOrder.class);
        http.respond(ctx, 200, OrderBody.of(orders.cancelOrder().cancel(new CancelOrderCommand(orderId, new UserId(body.userId())))));
    }

    private void refund(Context ctx) {
        OrderId orderId = orderId(ctx);
        RefundOrder body = http.body(ctx, RefundOrder.class);
        Optional<List<RefundLine>> items = Optional.ofNullable(body.items()).map(lines -> lines.stream()
                .map(item -> new RefundLine(new ProductId(item.productId()), item.quantity())).toList());
        RefundView view = orders.refundOrder().refund(new RefundOrderCommand(orderId, items, Optional.ofNullable(body.reason()),
                body.restocks(), Http.idempotencyKey(ctx)));
        ctx.header("Location", "/api/v1/orders/" + orderId + "/refunds/" + view.refund().id());
        http.respond(ctx, 201, OrderBody.of(view.order()));
    }

    /** Runs a use case that pays an order, counting how it ended. */
    private OrderView paying(Supplier<OrderView> payment) {
        OrderView view;
        try {
            view = payment.get();
        } catch (DomainException e) {
            metrics.orderFailed(e);
            throw e;
        }
        metrics.orderCompleted();
        return view;
    }

    private static Optional<IdempotencyKey> idempotencyKey(Context ctx, UserId userId) {
        return Http.idempotencyKey(ctx).map(key -> new IdempotencyKey(userId, key));
    }

    private static Optional<CouponId> couponId(Long couponId) {
        return Optional.ofNullable(couponId).map(CouponId::new);
    }

    private static OrderId orderId(Context ctx) {
        OrderId id = new OrderId(Http.pathId(ctx, "id"));
        RequestTracing.order(id.value());
        return id;
    }
}
