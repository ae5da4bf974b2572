package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One row of {@code order_products}: a product, its quantity, its unit price at order time and the units refunded since. */
@Embeddable
class OrderLineJpaEmbeddable {

    @Column(name = "product_id", nullable = false)
    Long productId;

    @Column(nullable = false)
    int quantity;

    @Column(name = "unit_price", nullable = false, precision = 19, scale = 2)
    BigDecimal unitPrice;

    @Column(name = "refunded_quantity", nullable = false)
    int refundedQuantity;

    protected OrderLineJpaEmbeddable() {
    }

    OrderLineJpaEmbeddable(Long productId, int quantity, BigDecimal unitPrice, int refundedQuantity) {
        this.productId = productId;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.refundedQuantity = refundedQuantity;
    }
}
