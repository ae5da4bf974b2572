package dev.orderengine.domain.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.InvalidInputException;
import java.util.Objects;

/** Units of one product of an order given back: 1 to {@value OrderItem#MAX_QUANTITY}. */
public record RefundLine(ProductId productId, int quantity) {

    public RefundLine {
        Objects.requireNonNull(productId, "productId");
        InvalidInputException.require(quantity >= 1 && quantity <= OrderItem.MAX_QUANTITY, "items.quantity",
                "must be between 1 and " + OrderItem.MAX_QUANTITY);
    }
}
