package dev.orderengine.domain.order;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.shared.Text;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's order. Stock is taken for every line before payment, so a paid order never has to be
 * refunded for lack of stock. Status changes are methods that check the current status and name it
 * when they refuse.
 */
public final class Order {

    public static final int MAX_LINES = 50;

    private final OrderId id;
    private final UserId userId;
    private OrderStatus status;
    private List<OrderItem> items;
    private List<OrderLine> lines;
    private CouponId couponId;
    private Money originalAmount;
    private Money discountAmount;
    private Money totalAmount;
    private PaymentId paymentId;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant completedAt;
    private final List<Refund> refunds;

    private Order(OrderId id, UserId userId, OrderStatus status, List<OrderItem> items, List<OrderLine> lines,
                  CouponId couponId, Money originalAmount, Money discountAmount, Money totalAmount,
                  PaymentId paymentId, Instant createdAt, Instant updatedAt, Instant completedAt, List<Refund> refunds) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.status = Objects.requireNonNull(status, "status");
        this.items = List.copyOf(items);
        this.lines = List.copyOf(lines);
        this.couponId = couponId;
        this.originalAmount = Objects.requireNonNull(originalAmount, "originalAmount");
        this.discountAmount = Objects.requireNonNull(discountAmount, "discountAmount");
        this.totalAmount = Objects.requireNonNull(totalAmount, "totalAmount");
        this.paymentId = paymentId;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.completedAt = completedAt;
        this.refunds = new ArrayList<>(refunds);
    }

    /**
     * A new {@link OrderStatus#READY} order of an active user for 1 to {@value #MAX_LINES} distinct products.
     * Nothing is held yet: see {@link #allocateStock}.
     */
    public static Order place(OrderId id, User customer, List<OrderItem> items, Instant now) {
        checkItems(items);
        customer.ensureActive();
        return new Order(id, customer.id(), OrderStatus.READY, items, List.of(), null,
                Money.ZERO, Money.ZERO, Money.ZERO, null, now, now, null, List.of());
    }

    /** Refuses with {@code VALIDATION_FAILED} unless there are 1 to {@value #MAX_LINES} lines of distinct products. */
    public static void checkItems(List<OrderItem> items) {
        InvalidInputException.require(items != null && !items.isEmpty(), "items", "must contain at least one line");
        InvalidInputException.require(items.size() <= MAX_LINES, "items", "must contain at most " + MAX_LINES + " lines");
        Set<ProductId> seen = new HashSet<>();
        for (OrderItem item : items) {
            InvalidInputException.require(seen.add(item.productId()), "items", "product " + item.productId() + " appears more than once");
        }
    }

    /**
     * Rebuilds a stored order; for storage mappers only. Nullable: couponId, paymentId, completedAt. {@code refunds}
     * oldest first; the lines carry their refunded quantities.
     */
    public static Order restore(OrderId id, UserId userId, OrderStatus status, List<OrderLine> lines,
                                CouponId couponId, Money originalAmount, Money discountAmount, Money totalAmount,
                                PaymentId paymentId, Instant createdAt, Instant updatedAt, Instant completedAt,
                                List<Refund> refunds) {
        List<OrderItem> items = lines.stream().map(line -> new OrderItem(line.productId(), line.quantity())).toList();
        return new Order(id, userId, status, items, lines, couponId, originalAmount, discountAmount, totalAmount,
                paymentId, createdAt, updatedAt, completedAt, refunds);
    }

    /**
     * {@code READY → STOCK_ALLOCATED}: checks that every product exists and is on sale, takes the stock of
     * every line (all or nothing, see {@link StockReservations#reserve}) and records each line with the
     * product's current price.
     */
    public void allocateStock(Map<ProductId, Product> catalogue, StockReservations stock, Instant now) {
        requireStatus(OrderStatus.READY, ErrorCode.ORDER_NOT_PAYABLE);
        List<OrderLine> priced = items.stream().map(item -> {
            Product product = catalogue.get(item.productId());
            if (product == null) {
                throw new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + item.productId() + " does not exist");
            }
            product.ensureOnSale();
            return new OrderLine(product.id(), item.quantity(), product.price());
        }).toList();
        stock.reserve(stockLines());
        lines = priced;
        originalAmount = priced.stream().map(OrderLine::totalPrice).reduce(Money.ZERO, Money::plus);
        discountAmount = Money.ZERO;
        totalAmount = originalAmount;
        status = OrderStatus.STOCK_ALLOCATED;
        updatedAt = now;
    }

    /** Refuses with {@code ORDER_NOT_OWNED} unless {@code user} placed this order. */
    public void ensureOwnedBy(UserId user) {
        if (!userId.equals(user)) {
            throw new RejectedException(ErrorCode.ORDER_NOT_OWNED, "order " + id + " belongs to another user");
        }
    }

    /**
     * Refuses with {@code ORDER_NOT_OWNED} or {@code ORDER_NOT_PAYABLE} unless {@code payer} may pay this order at
     * {@code now}: it is allocated and its reservation of {@code reservationTtl} has not run out, whether or not the
     * expiry job has released it yet.
     */
    public void ensurePayableBy(UserId payer, Instant now, Duration reservationTtl) {
        ensureAllocatedFor(payer);
        if (reservationExpiredAt(now, reservationTtl)) {
            throw new RejectedException(ErrorCode.ORDER_NOT_PAYABLE,
                    "the reservation of order " + id + " ran out at " + createdAt.plus(reservationTtl));
        }
    }

    private void ensureAllocatedFor(UserId payer) {
        ensureOwnedBy(payer);
        requireStatus(OrderStatus.STOCK_ALLOCATED, ErrorCode.ORDER_NOT_PAYABLE);
    }

    /** What the payer owes with {@code discount} taken off: never below zero. */
    public Money amountDue(Money discount) {
        return originalAmount.minusAtMostTo0(discount);
    }

    /**
     * {@code STOCK_ALLOCATED → COMPLETED} with the successful {@code payment} of {@link #amountDue} and,
     * when a coupon was used, its id and discount.
     */
    public void complete(Payment payment, Optional<CouponId> coupon, Money discount, Instant now) {
        ensureAllocatedFor(payment.userId());
        if (payment.status() != PaymentStatus.SUCCEEDED || !payment.orderId().equals(id)) {
            throw new IllegalArgumentException("order " + id + " can only be completed by its own successful payment");
        }
        if (!payment.amount().equals(amountDue(discount))) {
            throw new IllegalArgumentException("payment of " + payment.amount() + " does not match " + amountDue(discount) + " due");
        }
        couponId = coupon.orElse(null);
        discountAmount = originalAmount.min(discount);
        totalAmount = payment.amount();
        paymentId = payment.id();
        status = OrderStatus.COMPLETED;
        completedAt = now;
        updatedAt = now;
    }

    /**
     * {@code READY | STOCK_ALLOCATED → CANCELLED}. Refuses with {@code ORDER_NOT_CANCELLABLE} once completed or cancelled.
     *
     * @return the stock the order held, to give back
     */
    public List<StockLine> cancel(Instant now) {
        if (status != OrderStatus.READY && status != OrderStatus.STOCK_ALLOCATED) {
            throw new RejectedException(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + id + " is " + status);
        }
        List<StockLine> held = status == OrderStatus.STOCK_ALLOCATED ? stockLines() : List.of();
        status = OrderStatus.CANCELLED;
        updatedAt = now;
        return held;
    }

    /**
     * {@code COMPLETED | PARTIALLY_REFUNDED → PARTIALLY_REFUNDED | REFUNDED}: gives back the {@code requested} units, or
     * with none named every unit not refunded yet, and the money they cost after the order's discount
     * ({@link RefundAmount}). Refuses with {@code ORDER_NOT_REFUNDABLE} unless the order is paid and not wholly
     * refunded, and with {@code REFUND_EXCEEDS_ORDER} for a product the order does not have or more units than are left
     * to refund; a refusal changes nothing.
     *
     * @return the refund made; its units go back to stock, its amount to the payer's balance, and on {@code REFUNDED}
     *         the order's coupon is free again: the caller's to carry out
     */
    public Refund refund(RefundId refundId, Optional<List<RefundLine>> requested, Optional<String> reason, boolean restock,
                         Instant now) {
        if (!status.isRefundable()) {
            throw new RejectedException(ErrorCode.ORDER_NOT_REFUNDABLE, "order " + id + " is " + status + ": only a paid order"
                    + " that is not wholly refunded can be refunded");
        }
        List<RefundLine> given = requested.map(this::refundable).orElseGet(this::everythingLeft);
        Optional<String> why = reason.filter(text -> !text.isBlank()).map(text -> Text.required(text, "reason", Refund.MAX_REASON_LENGTH));
        Map<ProductId, Integer> units = new HashMap<>();
        given.forEach(line -> units.put(line.productId(), line.quantity()));
        lines = lines.stream().map(line -> line.refunding(units.getOrDefault(line.productId(), 0))).toList();
        Money amount = RefundAmount.of(totalAmount, originalAmount, grossRefunded(), refundedAmount());
        Refund refund = new Refund(refundId, amount, given, why, restock, now);
        refunds.add(refund);
        status = lines.stream().allMatch(line -> line.refundableQuantity() == 0) ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        updatedAt = now;
        return refund;
    }

    /** Checks a refund's lines against this order before anything changes. */
    private List<RefundLine> refundable(List<RefundLine> requested) {
        checkRefundLines(requested);
        for (RefundLine line : requested) {
            OrderLine ordered = lines.stream().filter(candidate -> candidate.productId().equals(line.productId())).findFirst()
                    .orElseThrow(() -> new RejectedException(ErrorCode.REFUND_EXCEEDS_ORDER,
                            "product " + line.productId() + " is not in order " + id));
            if (line.quantity() > ordered.refundableQuantity()) {
                throw new RejectedException(ErrorCode.REFUND_EXCEEDS_ORDER, ordered.refundableQuantity() + " of " + ordered.quantity()
                        + " units of product " + line.productId() + " are left to refund on order " + id + ", not " + line.quantity());
            }
        }
        return List.copyOf(requested);
    }

    /** Refuses with {@code VALIDATION_FAILED} unless there are 1 to {@value #MAX_LINES} refund lines of distinct products. */
    public static void checkRefundLines(List<RefundLine> lines) {
        InvalidInputException.require(lines != null && !lines.isEmpty(), "items",
                "must contain at least one line (leave it out to refund every unit left)");
        InvalidInputException.require(lines.size() <= MAX_LINES, "items", "must contain at most " + MAX_LINES + " lines");
        Set<ProductId> seen = new HashSet<>();
        for (RefundLine line : lines) {
            InvalidInputException.require(seen.add(line.productId()), "items", "product " + line.productId() + " appears more than once");
        }
    }

    private List<RefundLine> everythingLeft() {
        return lines.stream().filter(line -> line.refundableQuantity() > 0)
                .map(line -> new RefundLine(line.productId(), line.refundableQuantity())).toList();
    }

    /** The gross of every unit refunded so far: units at their unit price, before the discount. */
    private Money grossRefunded() {
        return lines.stream().map(line -> line.unitPrice().times(line.refundedQuantity())).reduce(Money.ZERO, Money::plus);
    }

    /** Whether this order still holds stock it has not paid for within {@code ttl} of its creation (it is allocated in the same transaction). */
    public boolean reservationExpiredAt(Instant now, Duration ttl) {
        return status == OrderStatus.STOCK_ALLOCATED && !createdAt.plus(ttl).isAfter(now);
    }

    /** The order as it is now, as stored with its events and sent to the data platform. */
    public OrderSnapshot snapshot() {
        return new OrderSnapshot(id, userId, status, Optional.ofNullable(couponId), originalAmount, discountAmount,
                totalAmount, Optional.ofNullable(paymentId), Optional.ofNullable(completedAt),
                lines.stream().map(OrderSnapshot.Item::of).toList(), refundedAmount());
    }

    private List<StockLine> stockLines() {
        return items.stream().map(item -> new StockLine(item.productId(), item.quantity())).toList();
    }

    private void requireStatus(OrderStatus expected, ErrorCode otherwise) {
        if (status != expected) {
            throw new RejectedException(otherwise, "order " + id + " is " + status + ", not " + expected);
        }
    }

    public OrderId id() {
        return id;
    }

    public UserId userId() {
        return userId;
    }

    public OrderStatus status() {
        return status;
    }

    /** What was asked for; for an allocated order the same products and quantities as {@link #lines}. */
    public List<OrderItem> items() {
        return items;
    }

    /** The priced lines; empty while {@link OrderStatus#READY}. */
    public List<OrderLine> lines() {
        return lines;
    }

    public Optional<CouponId> couponId() {
        return Optional.ofNullable(couponId);
    }

    public Money originalAmount() {
        return originalAmount;
    }

    public Money discountAmount() {
        return discountAmount;
    }

    public Money totalAmount() {
        return totalAmount;
    }

    public Optional<PaymentId> paymentId() {
        return Optional.ofNullable(paymentId);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** The refunds made on this order, oldest first. */
    public List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    /** What every refund of this order gave back. */
    public Money refundedAmount() {
        return refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
    }
}
