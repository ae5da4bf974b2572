package dev.orderengine.application.order;

import dev.orderengine.application.port.Fingerprint;
import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refunds a paid order wholly or by lines (SPEC §2.1), in one transaction: the units back to stock (unless they do not
 * come back), the money back to the payer's balance ({@code RESTORE}), the refund recorded on the order with its new
 * status, the coupon freed once every unit is refunded, and an {@code ORDER_REFUNDED} event in the outbox. Nothing
 * changes on any refusal.
 *
 * <p>Locks in the order every other use case takes them: the order first (so concurrent refunds of one order run one
 * after the other and never refund a unit twice), then the coupon, then the balance, then stock in product order as
 * the last write, as placing and paying take coupon, balance and stock, so refunds and orders of the same products
 * and user never deadlock.
 */
public final class RefundOrder {

    private final Transactions transactions;
    private final Orders orders;
    private final StockReservations stock;
    private final Coupons coupons;
    private final Balances balances;
    private final Payments payments;
    private final OrderEvents events;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;

    RefundOrder(Transactions transactions, Orders orders, StockReservations stock, Coupons coupons, Balances balances,
                Payments payments, OrderEvents events, IdempotencyKeys idempotencyKeys, Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.stock = stock;
        this.coupons = coupons;
        this.balances = balances;
        this.payments = payments;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    /**
     * Refuses with {@code ORDER_NOT_FOUND}, {@code ORDER_NOT_REFUNDABLE} or {@code REFUND_EXCEEDS_ORDER}; a repeat with the
     * same idempotency key (of the order's user) and request returns the first refund and changes nothing.
     */
    public RefundView refund(RefundOrderCommand command) {
        return transactions.inTransaction(() -> {
            Order order = orders.lockById(command.orderId()).orElseThrow(() -> OrderPayment.orderNotFound(command.orderId()));
            List<Payment> attempts = payments.findByOrder(order.id());
            Optional<IdempotencyGuard> guard = command.idempotencyKey().map(key ->
                    new IdempotencyGuard(new IdempotencyKey(order.userId(), key), Fingerprint.of("refund-order", command.canonical())));
            if (guard.isPresent()
                    && idempotencyKeys.claim(guard.get().key(), guard.get().fingerprint()) instanceof IdempotencyClaim.Completed done) {
                return repeated(order, attempts, done.outcome());
            }
            Instant now = clock.instant();
            Refund refund = order.refund(orders.nextRefundId(), command.items(), command.reason(), command.restock(), now);
            if (order.status() == OrderStatus.REFUNDED) {
                order.couponId().ifPresent(id -> {
                    Coupon coupon = coupons.lockById(id).orElseThrow(() -> new IllegalStateException("coupon " + id + " is not stored"));
                    coupon.free();
                    coupons.save(coupon);
                });
            }
            Balance balance = balances.lockByUser(order.userId())
                    .orElseThrow(() -> new IllegalStateException("user " + order.userId() + " has no balance"));
            balances.save(balance, balance.restoreFromRefund(refund.amount(), order.id(), now));
            orders.save(order);
            events.append(OrderEvent.refunded(order, refund, now));
            guard.ifPresent(g -> idempotencyKeys.complete(g.key(), IdempotentOutcome.refund(order.id().value(), refund.id().value())));
            if (refund.restock()) { // last, as an order takes it: the stock rows are the most contended of all
                stock.release(refund.items().stream().map(line -> new StockLine(line.productId(), line.quantity())).toList());
            }
            return new RefundView(new OrderView(order, attempts), refund);
        });
    }

    private static RefundView repeated(Order order, List<Payment> attempts, IdempotentOutcome outcome) {
        RefundId id = new RefundId(outcome.refundId().orElseThrow(() -> new IllegalStateException("outcome without a refund: " + outcome)));
        Refund refund = order.refunds().stream().filter(made -> made.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("refund " + id + " is not one of order " + order.id()));
        return new RefundView(new OrderView(order, attempts), refund);
    }
}
