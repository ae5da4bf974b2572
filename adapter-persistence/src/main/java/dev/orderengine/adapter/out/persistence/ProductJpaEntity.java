package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.product.ProductStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "products")
class ProductJpaEntity {

    @Id
    Long id;

    @Column(nullable = false, length = 100)
    String name;

    @Column(length = 2000)
    String description;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal price;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    ProductStatus status;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected ProductJpaEntity() {
    }

    ProductJpaEntity(Long id, String name, String description, BigDecimal price, ProductStatus status, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.price = price;
        this.status = status;
        this.createdAt = createdAt;
    }
}
