package dev.orderengine.application.relay;

import dev.orderengine.domain.product.ProductId;

/** A product and the units of it sold over a period. */
public record PopularProduct(ProductId productId, String name, long quantitySold) {
}
