package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One row of {@code order_refund_lines}: the units of one product a refund gave back. */
@Embeddable
class RefundLineJpaEmbeddable {

    @Column(name = "product_id", nullable = false)
    Long productId;

    @Column(nullable = false)
    int quantity;

    protected RefundLineJpaEmbeddable() {
    }

    RefundLineJpaEmbeddable(Long productId, int quantity) {
        this.productId = productId;
        this.quantity = quantity;
    }
}
