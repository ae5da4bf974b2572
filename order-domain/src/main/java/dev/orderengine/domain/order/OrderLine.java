package dev.orderengine.domain.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import java.util.Objects;

/** A line of an allocated order: the product, the quantity held for it and the unit price at order time. */
public record OrderLine(ProductId productId, int quantity, Money unitPrice) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1 || quantity > OrderItem.MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity out of range: " + quantity);
        }
    }

    public Money totalPrice() {
        return unitPrice.times(quantity);
    }
}
