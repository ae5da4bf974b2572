package dev.orderengine.application.order;

import dev.orderengine.domain.shared.OrderId;
import java.util.List;
import java.util.Objects;

/**
 * What one expiry run did: the reservations it expired, the orders that failed to expire for the first time (each
 * reported once, with why, so that it is logged once), and how many orders are failing in all.
 */
public record ExpiryReport(int expired, List<Failure> newFailures, int failing) {

    public ExpiryReport {
        newFailures = List.copyOf(newFailures);
    }

    /** An order that could not be expired, and the exception that stopped it. */
    public record Failure(OrderId orderId, RuntimeException cause) {

        public Failure {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
