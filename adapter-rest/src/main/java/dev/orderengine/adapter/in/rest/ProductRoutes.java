package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;
import static dev.orderengine.adapter.in.rest.Route.post;
import static dev.orderengine.adapter.in.rest.Route.put;

import dev.orderengine.adapter.in.rest.Requests.CreateProduct;
import dev.orderengine.adapter.in.rest.Requests.SetStock;
import dev.orderengine.adapter.in.rest.Responses.PopularProductBody;
import dev.orderengine.adapter.in.rest.Responses.ProductBody;
import dev.orderengine.adapter.in.rest.Responses.PageBody;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.product.ProductUseCases;
import dev.orderengine.application.product.ProductView;
import dev.orderengine.application.product.SetStockCommand;
import dev.orderengine.application.relay.RecordSalesStatistics;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import io.javalin.http.Context;
import java.util.List;

/** The catalogue: products, their stock, and the best sellers. */
final class ProductRoutes {

    static final int DEFAULT_POPULAR_DAYS = 3;
    static final int DEFAULT_POPULAR_LIMIT = 5;

    private final ProductUseCases products;
    private final RecordSalesStatistics statistics;
    private final Http http;

    ProductRoutes(ProductUseCases products, RecordSalesStatistics statistics, Http http) {
        this.products = products;
        this.statistics = statistics;
        this.http = http;
    }

    /** {@code /products/popular} comes before {@code /products/{id}}, which would otherwise take it. */
    List<Route> routes() {
        return List.of(
                post("/api/v1/products", this::list).adminOnly(),
                get("/api/v1/products", this::page),
                get("/api/v1/products/popular", this::popular),
                get("/api/v1/products/{id}", ctx -> http.respond(ctx, 200, ProductBody.of(products.product(productId(ctx))))),
                put("/api/v1/products/{id}/stock", this::setStock).adminOnly());
    }

    private void list(Context ctx) {
        CreateProduct body = http.body(ctx, CreateProduct.class);
        ProductView view = products.list(new ListProductCommand(body.name(), body.description(),
                Money.of(body.price(), "price"), body.stock()));
        ctx.header("Location", "/api/v1/products/" + view.product().id());
        http.respond(ctx, 201, ProductBody.of(view));
    }

    private void page(Context ctx) {
        http.respond(ctx, 200, PageBody.of(products.page(Http.pageRequest(ctx)), ProductBody::of));
    }

    private void popular(Context ctx) {
        int days = Http.queryInt(ctx, "days", DEFAULT_POPULAR_DAYS, 1, RecordSalesStatistics.MAX_DAYS);
        int limit = Http.queryInt(ctx, "limit", DEFAULT_POPULAR_LIMIT, 1, RecordSalesStatistics.MAX_LIMIT);
        http.respond(ctx, 200, statistics.popular(days, limit).stream().map(PopularProductBody::of).toList());
    }

    private void setStock(Context ctx) {
        ProductId productId = productId(ctx);
        SetStock body = http.body(ctx, SetStock.class);
        http.respond(ctx, 200, ProductBody.of(products.setStock(new SetStockCommand(productId, body.quantity()))));
    }

    private static ProductId productId(Context ctx) {
        return new ProductId(Http.pathId(ctx, "id"));
    }
}
