package dev.orderengine.application.product;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.InvalidInputException;
import java.util.Objects;

/** Set the available quantity of a product (0 or more). */
public record SetStockCommand(ProductId productId, int quantity) {

    public SetStockCommand {
        Objects.requireNonNull(productId, "productId");
        InvalidInputException.require(quantity >= 0, "quantity", "must be 0 or more");
    }
}
