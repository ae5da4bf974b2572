package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.order.OrderStatus;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** An order with its lines ({@code order_products}), kept in the order they were asked for, and its refunds. */
@Entity
@Table(name = "orders")
class OrderJpaEntity {

    @Id
    Long id;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    OrderStatus status;

    @Column(name = "coupon_id")
    Long couponId;

    @Column(name = "original_amount", nullable = false, precision = 19, scale = 2)
    BigDecimal originalAmount;

    @Column(name = "discount_amount", nullable = false, precision = 19, scale = 2)
    BigDecimal discountAmount;

    @Column(name = "total_amount", nullable = false, precision = 19, scale = 2)
    BigDecimal totalAmount;

    @Column(name = "payment_id")
    Long paymentId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "completed_at")
    Instant completedAt;

    @ElementCollection
    @CollectionTable(name = "order_products", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    List<OrderLineJpaEmbeddable> lines = new ArrayList<>();

    /**
     * Read only for an order whose status says it has refunds ({@link OrderMapper}), the refunds of up to 50 orders in
     * one statement; new ones are inserted with the order's id.
     */
    @OneToMany(cascade = CascadeType.PERSIST)
    @JoinColumn(name = "order_id", nullable = false, updatable = false)
    @OrderBy("id")
    @BatchSize(size = 50)
    List<RefundJpaEntity> refunds = new ArrayList<>();

    protected OrderJpaEntity() {
    }

    OrderJpaEntity(Long id, Long userId, List<OrderLineJpaEmbeddable> lines) {
        this.id = id;
        this.userId = userId;
        this.lines = new ArrayList<>(lines);
    }
}
