package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.balance.BalanceChangeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "balance_history")
class BalanceHistoryJpaEntity {

    @Id
    Long id;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    BalanceChangeType type;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal amount;

    @Column(name = "balance_after", nullable = false, precision = 19, scale = 2)
    BigDecimal balanceAfter;

    @Column(name = "order_id")
    Long orderId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected BalanceHistoryJpaEntity() {
    }

    BalanceHistoryJpaEntity(Long id, Long userId, BalanceChangeType type, BigDecimal amount, BigDecimal balanceAfter,
                            Long orderId, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.type = type;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }
}
