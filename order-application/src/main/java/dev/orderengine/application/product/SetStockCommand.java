package dev.orderengine.application.product;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.Product;
import java.util.Objects;

/** Set the available quantity of a product (0 to {@link Product#MAX_STOCK}). */
public record SetStockCommand(ProductId productId, int quantity) {

    public SetStockCommand {
        Objects.requireNonNull(productId, "productId");
        Product.checkStock(quantity, "quantity");
    }
}
