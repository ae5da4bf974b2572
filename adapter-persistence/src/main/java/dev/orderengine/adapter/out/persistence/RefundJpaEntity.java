package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/**
 * One refund of an order ({@code order_refunds}) with its lines ({@code order_refund_lines}); written once, never
 * changed. The order's row owns the link ({@link OrderJpaEntity#refunds}).
 */
@Entity
@Table(name = "order_refunds")
class RefundJpaEntity {

    @Id
    Long id;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal amount;

    @Column(length = 500)
    String reason;

    @Column(nullable = false)
    boolean restock;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** The lines of the refunds of up to 50 orders come in one statement when one of them is read. */
    @ElementCollection
    @CollectionTable(name = "order_refund_lines", joinColumns = @JoinColumn(name = "refund_id"))
    @OrderColumn(name = "line_no")
    @BatchSize(size = 50)
    List<RefundLineJpaEmbeddable> lines = new ArrayList<>();

    protected RefundJpaEntity() {
    }

    RefundJpaEntity(Long id, BigDecimal amount, String reason, boolean restock, Instant createdAt,
                    List<RefundLineJpaEmbeddable> lines) {
        this.id = id;
        this.amount = amount;
        this.reason = reason;
        this.restock = restock;
        this.createdAt = createdAt;
        this.lines = new ArrayList<>(lines);
    }
}
