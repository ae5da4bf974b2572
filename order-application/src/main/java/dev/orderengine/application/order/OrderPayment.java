package dev.orderengine.application.order;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEvents;
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
 * The payment half of the order flow, shared by {@link PlaceOrder} and {@link PayOrder}, in the caller's transaction:
 * use the coupon, take the amount due from the balance, record the payment, complete the order and store its
 * completed-order event.
 *
 * <p>Every refusal (inactive user, coupon, balance) is decided before the payment writes anything: the coupon and the
 * balance are locked and checked first and written only once both agree. A refused payment therefore leaves nothing to
 * undo; the same transaction records the failed attempt with its reason and commits (balance and coupon untouched,
 * stock still held). No savepoint is needed, and an order is placed and paid with one commit (SPEC §2 allows one
 * transaction). A storage failure anywhere rolls the whole transaction back: a retry with the same Idempotency-Key then
 * starts from nothing and gets the real outcome.
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

    /** What paying came to: the order paid, or the refusal recorded as a failed attempt (to be thrown after the commit). */
    sealed interface Settlement {

        /** The paid order's view; a refusal is thrown, carrying the order id. */
        OrderView answer();

        record Paid(OrderView view) implements Settlement {
            @Override
            public OrderView answer() {
                return view;
            }
        }

        record Refused(DomainException reason) implements Settlement {
            @Override
            public OrderView answer() {
                throw reason;
            }
        }
    }

    /** Pays a stored order in a transaction of its own ({@link PayOrder}). */
    OrderView pay(OrderId orderId, UserId payer, Optional<CouponId> couponId, Optional<IdempotencyGuard> guard) {
        return transactions.inTransaction(() -> {
            if (guard.isPresent()) {
                users.require(payer); // before the key, whose record refers to the user
            }
            Optional<IdempotentOutcome> earlier = guard.flatMap(this::earlierOutcome);
            return earlier.isPresent() ? replay(earlier.get()) : payStored(orderId, payer, couponId, guard);
        }).answer();
    }

    /** Claims the key in the current transaction; the outcome of the first request if it already finished. */
    Optional<IdempotentOutcome> earlierOutcome(IdempotencyGuard guard) {
        IdempotencyClaim claim = idempotencyKeys.claim(guard.key(), guard.fingerprint());
        return claim instanceof IdempotencyClaim.Completed completed ? Optional.of(completed.outcome()) : Optional.empty();
    }

    /** Answers a repeated request as the first one was answered. */
    Settlement replay(IdempotentOutcome outcome) {
        long orderId = outcome.orderId().orElseThrow(() -> new IllegalStateException("outcome without an order: " + outcome));
        if (outcome.error().isPresent()) {
            ErrorCode code = outcome.error().get();
            throw new RejectedException(code, "a request with this Idempotency-Key already failed with " + code)
                    .concerningOrder(orderId);
        }
        return new Settlement.Paid(view(orders.findById(new OrderId(orderId)).orElseThrow(() -> orderNotFound(new OrderId(orderId)))));
    }

    OrderView view(Order order) {
        return new OrderView(order, payments.findByOrder(order.id()));
    }

    static NotFoundException orderNotFound(OrderId id) {
        return new NotFoundException(ErrorCode.ORDER_NOT_FOUND, "order " + id + " does not exist");
    }

    /** Locks the stored order and pays it, in the caller's transaction. */
    Settlement payStored(OrderId orderId, UserId payer, Optional<CouponId> couponId, Optional<IdempotencyGuard> guard) {
        Order order = orders.lockById(orderId).orElseThrow(() -> orderNotFound(orderId));
        // read before the new payment is added, so the query does not flush the writes below ahead of the commit
        List<Payment> earlierAttempts = payments.findByOrder(orderId);
        return settle(order, payer, couponId, guard, earlierAttempts);
    }

    /**
     * Pays {@code order}, which the caller's transaction holds: locked, or allocated by that very transaction (then
     * {@code earlierAttempts} is empty and the order is not read again). A refusal of the payment is recorded and
     * returned; one of the order itself (not payable, not the payer's) is thrown.
     */
    Settlement settle(Order order, UserId payer, Optional<CouponId> couponId, Optional<IdempotencyGuard> guard,
                      List<Payment> earlierAttempts) {
        Instant now = clock.instant();
        order.ensurePayableBy(payer, now, reservationTtl);
        Charge charge;
        try {
            charge = charge(order, payer, couponId, now);
        } catch (PaymentRefused refused) {
            return recordFailure(order, payer, refused, guard, now);
        }
        // every check passed: the writes start only now, so that a refusal above has nothing to undo
        charge.coupon().ifPresent(coupons::save);
        balances.save(charge.balance(), charge.change());
        Payment payment = Payment.succeeded(payments.nextId(), order.id(), payer, charge.due(), now);
        payments.add(payment);
        List<Payment> attempts = new ArrayList<>(earlierAttempts);
        attempts.add(payment);
        order.complete(payment, couponId, charge.discount(), now);
        orders.save(order);
        events.append(OrderEvent.completed(order, now));
        guard.ifPresent(g -> idempotencyKeys.complete(g.key(), IdempotentOutcome.order(order.id().value())));
        return new Settlement.Paid(new OrderView(order, attempts));
    }

    /** A payment every check agreed to, not written yet: the coupon used on the order, the balance after paying. */
    private record Charge(Optional<Coupon> coupon, Money discount, Money due, Balance balance, BalanceChange change) {
    }

    /** Locks and checks the user, the coupon and the balance, in that order; writes nothing. */
    private Charge charge(Order order, UserId payer, Optional<CouponId> couponId, Instant now) {
        Money due = order.amountDue(Money.ZERO);
        try {
            users.require(payer).ensureActive();
            Optional<Coupon> coupon = couponId.map(id -> coupons.lockById(id)
                    .orElseThrow(() -> new NotFoundException(ErrorCode.COUPON_NOT_FOUND, "coupon " + id + " does not exist")));
            Money discount = coupon.map(c -> c.useOn(order.id(), payer, now)).orElse(Money.ZERO);
            due = order.amountDue(discount);
            Balance balance = balances.lockByUser(payer)
                    .orElseThrow(() -> new IllegalStateException("user " + payer + " has no balance"));
            BalanceChange change = balance.pay(due, order.id(), now);
            return new Charge(coupon, discount, due, balance, change);
        } catch (DomainException reason) {
            throw new PaymentRefused(reason, due);
        }
    }

    private Settlement recordFailure(Order order, UserId payer, PaymentRefused refused, Optional<IdempotencyGuard> guard, Instant now) {
        ErrorCode code = refused.reason.code();
        payments.add(Payment.failed(payments.nextId(), order.id(), payer, refused.attempted, code, now));
        guard.ifPresent(g -> idempotencyKeys.complete(g.key(), IdempotentOutcome.orderFailed(order.id().value(), code)));
        return new Settlement.Refused(refused.reason.concerningOrder(order.id().value()));
    }

    /** Carries a refusal, with the amount the payment would have taken, out of {@link #charge}. */
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
