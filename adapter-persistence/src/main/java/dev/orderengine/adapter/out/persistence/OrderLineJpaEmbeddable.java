package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One row of {@code order_products}: a product, its quantity and its unit price at order time. */
@Embeddable
class OrderLineJpaEmbeddable {

    @Column(name = "product_id", nullable = false)
    Long productId;

    @Column(nullable = false)
    int quantity;

    @Column(name = "unit_price", nullable = false, precision = 19, scale = 2)
    BigDecimal unitPrice;

    protected OrderLineJpaEmbeddable() {
    }

    OrderLineJpaEmbeddable(Long productId, int quantity, BigDecimal unitPrice) {
        this.productId = productId;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }
}
