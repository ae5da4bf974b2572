package dev.orderengine.adapter.in.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.product.ProductView;
import dev.orderengine.application.relay.PopularProduct;
import dev.orderengine.application.relay.RelayStatus;
import dev.orderengine.application.user.BalanceView;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.user.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The response bodies: what the API shows of the domain, never the domain objects themselves. */
final class Responses {

    private Responses() {
    }

    record UserBody(long id, String name, String status) {

        static UserBody of(User user) {
            return new UserBody(user.id().value(), user.name(), user.status().name());
        }
    }

    record BalanceBody(long userId, BigDecimal amount) {

        static BalanceBody of(BalanceView view) {
            return new BalanceBody(view.userId().value(), view.amount().amount());
        }
    }

    record BalanceChangeBody(String type, BigDecimal amount, BigDecimal balanceAfter,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long orderId, Instant createdAt) {

        static BalanceChangeBody of(BalanceChange change) {
            return new BalanceChangeBody(change.type().name(), change.amount().amount(), change.balanceAfter().amount(),
                    change.orderId().map(OrderId::value).orElse(null), change.createdAt());
        }
    }

    record ProductBody(long id, String name, String description, BigDecimal price, String status, long stock) {

        static ProductBody of(ProductView view) {
            var product = view.product();
            return new ProductBody(product.id().value(), product.name(), product.description().orElse(null),
                    product.price().amount(), product.status().name(), view.stock());
        }
    }

    /** One page of a list: {@code {items, page, size, total}}. */
    record PageBody<T>(List<T> items, int page, int size, long total) {

        static <V, T> PageBody<T> of(Page<V> page, Function<V, T> body) {
            return new PageBody<>(page.items().stream().map(body).toList(), page.page(), page.size(), page.total());
        }
    }

    record PopularProductBody(long productId, String name, long quantitySold) {

        static PopularProductBody of(PopularProduct product) {
            return new PopularProductBody(product.productId().value(), product.name(), product.quantitySold());
        }
    }

    record CouponSourceBody(long id, String name, BigDecimal discountAmount, int totalQuantity, int issuedQuantity, int validDays) {

        static CouponSourceBody of(CouponSource source) {
            return new CouponSourceBody(source.id().value(), source.name(), source.discountAmount().amount(),
                    source.totalQuantity(), source.issuedQuantity(), source.validDays());
        }
    }

    record CouponBody(long id, long userId, long couponSourceId, String name, BigDecimal discountAmount, String status,
                      Instant expiresAt) {

        static CouponBody of(CouponView view) {
            var coupon = view.coupon();
            return new CouponBody(coupon.id().value(), coupon.ownerId().value(), coupon.sourceId().value(), coupon.name(),
                    coupon.discountAmount().amount(), view.status().name(), coupon.expiresAt());
        }
    }

    record OrderBody(long id, long userId, String status, Long couponId, BigDecimal originalAmount,
                     BigDecimal discountAmount, BigDecimal totalAmount, List<OrderItemBody> items,
                     List<PaymentBody> payments, BigDecimal refundedAmount, List<RefundBody> refunds, Instant createdAt,
                     Instant updatedAt) {

        static OrderBody of(OrderView view) {
            Order order = view.order();
            return new OrderBody(order.id().value(), order.userId().value(), order.status().name(),
                    order.couponId().map(CouponId::value).orElse(null), order.originalAmount().amount(),
                    order.discountAmount().amount(), order.totalAmount().amount(),
                    order.lines().stream().map(OrderItemBody::of).toList(),
                    view.payments().stream().map(PaymentBody::of).toList(), order.refundedAmount().amount(),
                    order.refunds().stream().map(RefundBody::of).toList(), order.createdAt(), order.updatedAt());
        }
    }

    record OrderItemBody(long productId, int quantity, BigDecimal unitPrice, BigDecimal totalPrice, int refundedQuantity) {

        static OrderItemBody of(OrderLine line) {
            return new OrderItemBody(line.productId().value(), line.quantity(), line.unitPrice().amount(), line.totalPrice().amount(),
                    line.refundedQuantity());
        }
    }

    record RefundBody(long id, BigDecimal amount, List<RefundItemBody> items, String reason, boolean restock, Instant createdAt) {

        static RefundBody of(Refund refund) {
            return new RefundBody(refund.id().value(), refund.amount().amount(), refund.items().stream()
                    .map(line -> new RefundItemBody(line.productId().value(), line.quantity())).toList(),
                    refund.reason().orElse(null), refund.restock(), refund.createdAt());
        }
    }

    record RefundItemBody(long productId, int quantity) {
    }

    record PaymentBody(long id, BigDecimal amount, String status,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String failureCode, Instant createdAt) {

        static PaymentBody of(Payment payment) {
            return new PaymentBody(payment.id().value(), payment.amount().amount(), payment.status().name(),
                    payment.failureCode().map(ErrorCode::name).orElse(null), payment.createdAt());
        }
    }

    record RelayBody(String consumer, long position, long lag, Instant lastDeliveredAt, String lastError, long deadLetters) {

        static RelayBody of(RelayStatus state) {
            return new RelayBody(state.consumer(), state.position(), state.lag(), state.lastDeliveredAt().orElse(null),
                    state.lastError().orElse(null), state.deadLetters());
        }
    }

    record HealthBody(String status) {

        static final HealthBody UP = new HealthBody("UP");
    }
}
