package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

@Entity
@Table(name = "balances")
class BalanceJpaEntity {

    @Id
    @Column(name = "user_id")
    Long userId;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal amount;

    protected BalanceJpaEntity() {
    }

    BalanceJpaEntity(Long userId, BigDecimal amount) {
        this.userId = userId;
        this.amount = amount;
    }
}
