package dev.orderengine.domain.order;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import java.util.Objects;

/**
 * A line of an allocated order: the product, the quantity held for it, the unit price at order time, and how many of
 * its units were refunded since.
 */
public record OrderLine(ProductId productId, int quantity, Money unitPrice, int refundedQuantity) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1 || quantity > OrderItem.MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity out of range: " + quantity);
        }
        if (refundedQuantity < 0 || refundedQuantity > quantity) {
            throw new IllegalArgumentException("refunded quantity out of range: " + refundedQuantity + " of " + quantity);
        }
    }

    /** A line of a new order: nothing refunded. */
    public OrderLine(ProductId productId, int quantity, Money unitPrice) {
        this(productId, quantity, unitPrice, 0);
    }

    public Money totalPrice() {
        return unitPrice.times(quantity);
    }

    /** The units not refunded yet. */
    public int refundableQuantity() {
        return quantity - refundedQuantity;
    }

    /** The same line with {@code units} more refunded. */
    OrderLine refunding(int units) {
        return new OrderLine(productId, quantity, unitPrice, refundedQuantity + units);
    }
}
