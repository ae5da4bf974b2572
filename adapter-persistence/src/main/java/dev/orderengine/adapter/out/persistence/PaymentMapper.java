package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.Optional;

final class PaymentMapper {

    private PaymentMapper() {
    }

    static PaymentJpaEntity toEntity(Payment payment) {
        return new PaymentJpaEntity(payment.id().value(), payment.orderId().value(), payment.userId().value(),
                payment.amount().amount(), payment.status(), payment.failureCode().map(ErrorCode::name).orElse(null),
                payment.createdAt());
    }

    static Payment toDomain(PaymentJpaEntity entity) {
        return new Payment(new PaymentId(entity.id), new OrderId(entity.orderId), new UserId(entity.userId),
                new Money(entity.amount), entity.status, Optional.ofNullable(entity.failureCode).map(ErrorCode::valueOf),
                entity.createdAt);
    }
}
