package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "coupon_sources")
class CouponSourceJpaEntity {

    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String name;

    @Column(name = "discount_amount", nullable = false, precision = 19, scale = 2)
    BigDecimal discountAmount;

    @Column(name = "total_quantity", nullable = false)
    int totalQuantity;

    @Column(name = "issued_quantity", nullable = false)
    int issuedQuantity;

    @Column(name = "valid_days", nullable = false)
    int validDays;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected CouponSourceJpaEntity() {
    }

    CouponSourceJpaEntity(Long id, String name, BigDecimal discountAmount, int totalQuantity, int issuedQuantity,
                          int validDays, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.discountAmount = discountAmount;
        this.totalQuantity = totalQuantity;
        this.issuedQuantity = issuedQuantity;
        this.validDays = validDays;
        this.createdAt = createdAt;
    }
}
