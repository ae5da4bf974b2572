package dev.orderengine.application;

import dev.orderengine.application.coupon.CouponUseCases;
import dev.orderengine.application.order.OrderUseCases;
import dev.orderengine.application.product.ProductUseCases;
import dev.orderengine.application.user.UserUseCases;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's use cases wired over one set of ports: the single entry point for an embedding service
 * and for the HTTP server. Thread-safe; create one per process.
 */
public final class OrderEngine {

    /** How long an allocated order holds its stock unpaid unless configured otherwise. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(15);

    private final UserUseCases users;
    private final ProductUseCases products;
    private final CouponUseCases coupons;
    private final OrderUseCases orders;

    public OrderEngine(EnginePorts ports, Clock clock, Duration reservationTtl) {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(clock, "clock");
        this.users = new UserUseCases(ports.transactions(), ports.users(), ports.balances(), ports.coupons(),
                ports.idempotencyKeys(), clock);
        this.products = new ProductUseCases(ports.transactions(), ports.products(), ports.stock(), clock);
        this.coupons = new CouponUseCases(ports.transactions(), ports.users(), ports.couponSources(), ports.coupons(), clock);
        this.orders = new OrderUseCases(ports.transactions(), ports.users(), ports.products(), ports.stock(), ports.orders(),
                ports.coupons(), ports.balances(), ports.payments(), ports.orderEvents(), ports.idempotencyKeys(),
                clock, reservationTtl);
    }

    public UserUseCases users() {
        return users;
    }

    public ProductUseCases products() {
        return products;
    }

    public CouponUseCases coupons() {
        return coupons;
    }

    public OrderUseCases orders() {
        return orders;
    }
}
