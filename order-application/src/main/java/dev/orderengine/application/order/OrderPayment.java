package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payment half of the order flow, shared by {@link PlaceOrder} and {@link PayOrder}: in one transaction,
 * use the coupon, take the amount due from the balance, record the payment, complete the order and store its
 * completed-order event. When the coupon or the balance refuses, that transaction rolls back (balance and
 * coupon untouched, stock still held) and a second one records the failed attempt with its reason.
 */
final class OrderPayment {

    private final Transactions transactions;
    private final Users users;
    private final Orders orders;
    private final Coupons coupons;
    private final Balances balances;
    private final Payments payments;
    private final OrderEvents events;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final Duration reservationTtl;

    OrderPayment(Transactions transactions, Users users, Orders orders, Coupons coupons, Balances balances,
                 Payments payments, OrderEvents events, IdempotencyKeys idempotencyKeys, Clock clock, Duration reservationTtl) {
        this.transactions = transactions;
        this.users = users;
        this.orders = orders;
        this.coupons = coupons;
        this.balances = balances;
        this.payments = payments;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
        this.reservationTtl = reservationTtl;
    }

    /**
     * Pays the order. {@code neverAttempted}: the caller has just allocated the order in a transaction of its
     * own, so it has no earlier payment attempts to read back for the answer.
     */
    OrderView pay(OrderId orderId, UserId payer, Optional<CouponId> couponId, Optional<IdempotencyGuard> guard,
                  boolean neverAttempted) {
        try {
            return transactions.inTransaction(() -> {
                if (guard.isPresent()) {
                    users.require(payer); // before the key, whose record refers to the user
                }
                Optional<IdempotentOutcome> earlier = guard.flatMap(this::earlierOutcome);
                return earlier.isPresent() ? replay(earlier.get()) : attempt(orderId, payer, couponId, guard, neverAttempted);
            });
        } catch (PaymentRefused refused) {
            transactions.inTransaction(() -> recordFailure(orderId, payer, refused, guard));
            throw refused.reason.concerningOrder(orderId.value());
        }
    }

    /** Claims the key in the current transaction; the outcome of the first request if it already finished. */
    Optional<IdempotentOutcome> earlierOutcome(IdempotencyGuard guard) {
        IdempotencyClaim claim = idempotencyKeys.claim(guard.key(), guard.fingerprint());
        return claim instanceof IdempotencyClaim.Completed completed ? Optional.of(completed.outcome()) : Optional.empty();
    }

    /** Answers a repeated request as the first one was answered. */
    OrderView replay(IdempotentOutcome outcome) {
        long orderId = outcome.orderId().orElseThrow(() -> new IllegalStateException("outcome without an order: " + outcome));
        if (outcome.error().isPresent()) {
            ErrorCode code = outcome.error().get();
            throw new RejectedException(code, "a request with this Idempotency-Key already failed with " + code)
                    .concerningOrder(orderId);
        }
        return view(orders.findById(new OrderId(orderId)).orElseThrow(() -> orderNotFound(new OrderId(orderId))));
    }

    OrderView view(Order order) {
        return new OrderView(order, payments.findByOrder(order.id()));
    }

    static NotFoundException orderNotFound(OrderId id) {
        return new NotFoundException(ErrorCode.ORDER_NOT_FOUND, "order " + id + " does not exist");
    }

    private OrderView attempt(OrderId orderId, UserId payer, Optional<CouponId> couponId, Optional<IdempotencyGuard> guard,
                              boolean neverAttempted) {
        Instant now = clock.instant();
        Order order = orders.lockById(orderId).orElseThrow(() -> orderNotFound(orderId));
        order.ensurePayableBy(payer, now, reservationTtl);
        Money discount = Money.ZERO;
        Money due = order.amountDue(discount);
        try {
            User user = users.require(payer);
            user.ensureActive();
            if (couponId.isPresent()) {
                discount = useCoupon(couponId.get(), order, payer, now);
                due = order.amountDue(discount);
            }
            Balance balance = balances.lockByUser(payer)
                    .orElseThrow(() -> new IllegalStateException("user " + payer + " has no balance"));
            balances.save(balance, balance.pay(due, orderId, now));
        } catch (DomainException reason) {
            throw new PaymentRefused(reason, due);
        }
        // read before the new payment is added, so the query does not flush the writes below ahead of the commit
        List<Payment> attempts = new ArrayList<>(neverAttempted ? List.of() : payments.findByOrder(orderId));
        Payment payment = Payment.succeeded(payments.nextId(), orderId, payer, due, now);
        payments.add(payment);
        attempts.add(payment);
        order.complete(payment, couponId, discount, now);
        orders.save(order);
        events.append(OrderEvent.completed(order, now));
        guard.ifPresent(g -> idempotencyKeys.complete(g.key(), IdempotentOutcome.order(orderId.value())));
        return new OrderView(order, attempts);
    }

    private Money useCoupon(CouponId couponId, Order order, UserId payer, Instant now) {
        Coupon coupon = coupons.lockById(couponId)
                .orElseThrow(() -> new NotFoundException(ErrorCode.COUPON_NOT_FOUND, "coupon " + couponId + " does not exist"));
        Money discount = coupon.useOn(order.id(), payer, now);
        coupons.save(coupon);
        return discount;
    }

    private Void recordFailure(OrderId orderId, UserId payer, PaymentRefused refused, Optional<IdempotencyGuard> guard) {
        if (guard.flatMap(this::earlierOutcome).isPresent()) {
            return null;
        }
        Order order = orders.lockById(orderId).orElseThrow(() -> orderNotFound(orderId));
        if (order.status() != OrderStatus.STOCK_ALLOCATED) {
            return null;
        }
        ErrorCode code = refused.reason.code();
        payments.add(Payment.failed(payments.nextId(), orderId, payer, refused.attempted, code, clock.instant()));
        guard.ifPresent(g -> idempotencyKeys.complete(g.key(), IdempotentOutcome.orderFailed(orderId.value(), code)));
        return null;
    }

    /** Carries a refusal out of the payment transaction so that it rolls back before the failure is recorded. */
    private static final class PaymentRefused extends RuntimeException {

        private final DomainException reason;
        private final Money attempted;

        PaymentRefused(DomainException reason, Money attempted) {
            super(reason.getMessage(), reason, false, false);
            this.reason = reason;
            this.attempted = attempted;
        }
    }
}
