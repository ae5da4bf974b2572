package dev.orderengine.domain.order;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An order frozen at one instant: what an order event stores and the data platform receives. */
public record OrderSnapshot(OrderId orderId, UserId userId, OrderStatus status, Optional<CouponId> couponId,
                            Money originalAmount, Money discountAmount, Money totalAmount,
                            Optional<PaymentId> paymentId, Optional<Instant> completedAt, List<Item> items,
                            Money refundedAmount) {

    public OrderSnapshot {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(couponId, "couponId");
        Objects.requireNonNull(originalAmount, "originalAmount");
        Objects.requireNonNull(discountAmount, "discountAmount");
        Objects.requireNonNull(totalAmount, "totalAmount");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(completedAt, "completedAt");
        items = List.copyOf(items);
        Objects.requireNonNull(refundedAmount, "refundedAmount");
    }

    /** A snapshot of an order nothing was refunded of. */
    public OrderSnapshot(OrderId orderId, UserId userId, OrderStatus status, Optional<CouponId> couponId,
                         Money originalAmount, Money discountAmount, Money totalAmount,
                         Optional<PaymentId> paymentId, Optional<Instant> completedAt, List<Item> items) {
        this(orderId, userId, status, couponId, originalAmount, discountAmount, totalAmount, paymentId, completedAt, items, Money.ZERO);
    }

    /** One line of the snapshot, with the units of it refunded so far. */
    public record Item(ProductId productId, int quantity, Money unitPrice, Money totalPrice, int refundedQuantity) {

        /** A line nothing was refunded of. */
        public Item(ProductId productId, int quantity, Money unitPrice, Money totalPrice) {
            this(productId, quantity, unitPrice, totalPrice, 0);
        }

        static Item of(OrderLine line) {
            return new Item(line.productId(), line.quantity(), line.unitPrice(), line.totalPrice(), line.refundedQuantity());
        }
    }
}
