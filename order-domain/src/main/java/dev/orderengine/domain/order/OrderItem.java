package dev.orderengine.domain.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.InvalidInputException;
import java.util.Objects;

/** What the customer asks for: a product and a quantity from 1 to {@value #MAX_QUANTITY}. */
public record OrderItem(ProductId productId, int quantity) {

    public static final int MAX_QUANTITY = 1_000;

    public OrderItem {
        Objects.requireNonNull(productId, "productId");
        InvalidInputException.require(quantity >= 1 && quantity <= MAX_QUANTITY, "items.quantity", "must be between 1 and " + MAX_QUANTITY);
    }
}
