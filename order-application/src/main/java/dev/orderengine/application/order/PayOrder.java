package dev.orderengine.application.order;

/** Pays an order whose stock is allocated (after an earlier payment failed, or when placed without paying). */
public final class PayOrder {

    private final OrderPayment payment;

    PayOrder(OrderPayment payment) {
        this.payment = payment;
    }

    /**
     * Pays the order. A refusal (balance, coupon, inactive user) is recorded as a FAILED payment and thrown
     * carrying the order id; the order stays {@code STOCK_ALLOCATED}, balance and coupon unchanged.
     */
    public OrderView pay(PayOrderCommand command) {
        return payment.pay(command.orderId(), command.userId(), command.couponId(),
                IdempotencyGuard.of(command.idempotencyKey(), "pay-order", command.canonical()));
    }
}
