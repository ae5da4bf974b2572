package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "coupons")
class CouponJpaEntity {

    @Id
    Long id;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Column(name = "coupon_source_id", nullable = false)
    Long sourceId;

    @Column(nullable = false, length = 100)
    String name;

    @Column(name = "discount_amount", nullable = false, precision = 19, scale = 2)
    BigDecimal discountAmount;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "issued_at", nullable = false)
    Instant issuedAt;

    @Column(name = "used_at")
    Instant usedAt;

    @Column(name = "used_order_id")
    Long usedOrderId;

    protected CouponJpaEntity() {
    }

    CouponJpaEntity(Long id, Long userId, Long sourceId, String name, BigDecimal discountAmount, Instant expiresAt,
                    Instant issuedAt, Instant usedAt, Long usedOrderId) {
        this.id = id;
        this.userId = userId;
        this.sourceId = sourceId;
        this.name = name;
        this.discountAmount = discountAmount;
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.usedAt = usedAt;
        this.usedOrderId = usedOrderId;
    }
}
