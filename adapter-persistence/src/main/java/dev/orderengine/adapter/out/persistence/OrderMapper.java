package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;

final class OrderMapper {

    private OrderMapper() {
    }

    static OrderJpaEntity toEntity(Order order) {
        OrderJpaEntity entity = new OrderJpaEntity(order.id().value(), order.userId().value(), order.lines().stream()
                .map(line -> new OrderLineJpaEmbeddable(line.productId().value(), line.quantity(), line.unitPrice().amount()))
                .toList());
        copyState(order, entity);
        return entity;
    }

    /** Copies what changes after placing (status, amounts, coupon, payment, times); the lines never change once stored. */
    static void copyState(Order order, OrderJpaEntity entity) {
        entity.status = order.status();
        entity.couponId = order.couponId().map(CouponId::value).orElse(null);
        entity.originalAmount = order.originalAmount().amount();
        entity.discountAmount = order.discountAmount().amount();
        entity.totalAmount = order.totalAmount().amount();
        entity.paymentId = order.paymentId().map(PaymentId::value).orElse(null);
        entity.createdAt = order.createdAt();
        entity.updatedAt = order.updatedAt();
        entity.completedAt = order.completedAt().orElse(null);
    }

    static Order toDomain(OrderJpaEntity entity) {
        return Order.restore(new OrderId(entity.id), new UserId(entity.userId), entity.status,
                entity.lines.stream().map(line -> new OrderLine(new ProductId(line.productId), line.quantity, new Money(line.unitPrice))).toList(),
                entity.couponId == null ? null : new CouponId(entity.couponId),
                new Money(entity.originalAmount), new Money(entity.discountAmount), new Money(entity.totalAmount),
                entity.paymentId == null ? null : new PaymentId(entity.paymentId),
                entity.createdAt, entity.updatedAt, entity.completedAt);
    }
}
