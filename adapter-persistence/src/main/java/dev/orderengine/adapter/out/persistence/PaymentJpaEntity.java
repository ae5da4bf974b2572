package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.payment.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "payments")
class PaymentJpaEntity {

    @Id
    Long id;

    @Column(name = "order_id", nullable = false)
    Long orderId;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    PaymentStatus status;

    @Column(name = "failure_code", length = 40)
    String failureCode;

    /** The order id when SUCCEEDED, else null: unique, so one successful payment per order. */
    @Column(name = "succeeded_order_id")
    Long succeededOrderId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected PaymentJpaEntity() {
    }

    PaymentJpaEntity(Long id, Long orderId, Long userId, BigDecimal amount, PaymentStatus status, String failureCode,
                     Instant createdAt) {
        this.id = id;
        this.orderId = orderId;
        this.userId = userId;
        this.amount = amount;
        this.status = status;
        this.failureCode = failureCode;
        this.succeededOrderId = status == PaymentStatus.SUCCEEDED ? orderId : null;
        this.createdAt = createdAt;
    }
}
