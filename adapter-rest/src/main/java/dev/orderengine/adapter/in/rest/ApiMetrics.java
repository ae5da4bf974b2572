package dev.orderengine.adapter.in.rest;

import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.shared.DomainException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The API's meters: {@code http_server_requests_seconds} per method, route template and status, and the
 * order counters {@code orders_completed_total}, {@code orders_failed_total{code}} and
 * {@code payment_attempts_total{status}}. An idempotent repeat is counted like the request it repeats,
 * since this layer cannot tell the two apart.
 */
final class ApiMetrics {

    /** The route tag of requests that matched no route, so that unknown paths cannot blow up the tag values. */
    static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    private final Counter ordersCompleted;
    private final Counter paymentsSucceeded;
    private final Counter paymentsFailed;

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ordersCompleted = Counter.builder("orders.completed").description("Orders paid and completed").register(registry);
        this.paymentsSucceeded = paymentAttempts(PaymentStatus.SUCCEEDED);
        this.paymentsFailed = paymentAttempts(PaymentStatus.FAILED);
    }

    void request(String method, String route, int status, Duration duration) {
        Timer.builder("http.server.requests")
                .description("HTTP requests served")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(duration);
    }

    void orderCompleted() {
        ordersCompleted.increment();
        paymentsSucceeded.increment();
    }

    /** A request to place or pay an order failed; when it names the order, a payment attempt was refused. */
    void orderFailed(DomainException e) {
        Counter.builder("orders.failed")
                .description("Requests to place or pay an order that failed, by error code")
                .tag("code", e.code().name())
                .register(registry)
                .increment();
        if (e.orderId().isPresent()) {
            paymentsFailed.increment();
        }
    }

    private Counter paymentAttempts(PaymentStatus status) {
        return Counter.builder("payment.attempts")
                .description("Attempts to pay an order, by outcome")
                .tag("status", status.name())
                .register(registry);
    }
}
