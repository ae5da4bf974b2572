package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Optional;

final class OrderMapper {

    private OrderMapper() {
    }

    static OrderJpaEntity toEntity(Order order) {
        OrderJpaEntity entity = new OrderJpaEntity(order.id().value(), order.userId().value(), order.lines().stream()
                .map(line -> new OrderLineJpaEmbeddable(line.productId().value(), line.quantity(), line.unitPrice().amount(),
                        line.refundedQuantity()))
                .toList());
        copyState(order, entity);
        return entity;
    }

    /**
     * Copies what changes after placing (status, amounts, coupon, payment, times, refunded units) and adds the refunds
     * made since the order was read; products, quantities and prices of the lines never change once stored, nor do
     * refunds. The refunds are read only when there were some before, so an order's first refund costs no read.
     */
    static void copyState(Order order, OrderJpaEntity entity) {
        int storedRefunds = entity.status != null && entity.status.hasRefunds() ? entity.refunds.size() : 0;
        List<Refund> refunds = order.refunds();
        for (Refund refund : refunds.subList(storedRefunds, refunds.size())) {
            entity.refunds.add(toEntity(refund));
        }
        entity.status = order.status();
        entity.couponId = order.couponId().map(CouponId::value).orElse(null);
        entity.originalAmount = order.originalAmount().amount();
        entity.discountAmount = order.discountAmount().amount();
        entity.totalAmount = order.totalAmount().amount();
        entity.paymentId = order.paymentId().map(PaymentId::value).orElse(null);
        entity.createdAt = order.createdAt();
        entity.updatedAt = order.updatedAt();
        entity.completedAt = order.completedAt().orElse(null);
        List<OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            entity.lines.get(i).refundedQuantity = lines.get(i).refundedQuantity();
        }
    }

    static Order toDomain(OrderJpaEntity entity) {
        return Order.restore(new OrderId(entity.id), new UserId(entity.userId), entity.status,
                entity.lines.stream().map(line -> new OrderLine(new ProductId(line.productId), line.quantity,
                        new Money(line.unitPrice), line.refundedQuantity)).toList(),
                entity.couponId == null ? null : new CouponId(entity.couponId),
                new Money(entity.originalAmount), new Money(entity.discountAmount), new Money(entity.totalAmount),
                entity.paymentId == null ? null : new PaymentId(entity.paymentId),
                entity.createdAt, entity.updatedAt, entity.completedAt,
                entity.status.hasRefunds() ? entity.refunds.stream().map(OrderMapper::toDomain).toList() : List.of());
    }

    private static RefundJpaEntity toEntity(Refund refund) {
        return new RefundJpaEntity(refund.id().value(), refund.amount().amount(), refund.reason().orElse(null), refund.restock(),
                refund.createdAt(), refund.items().stream()
                .map(line -> new RefundLineJpaEmbeddable(line.productId().value(), line.quantity())).toList());
    }

    private static Refund toDomain(RefundJpaEntity entity) {
        return new Refund(new RefundId(entity.id), new Money(entity.amount),
                entity.lines.stream().map(line -> new RefundLine(new ProductId(line.productId), line.quantity)).toList(),
                Optional.ofNullable(entity.reason), entity.restock, entity.createdAt);
    }
}
