package dev.orderengine.application.product;

import dev.orderengine.domain.product.Product;

/** A product with its available stock at the time it was read. */
public record ProductView(Product product, long stock) {
}
