package dev.orderengine.bootstrap;

import dev.orderengine.application.relay.RelayAdministration;
import dev.orderengine.application.relay.RelayStatus;
import dev.orderengine.application.relay.RetentionReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The outbox consumers on {@code /metrics}: per consumer the lag in events ({@code relay_lag_events}) and in seconds,
 * the age of the oldest event it has not processed ({@code relay_lag_seconds}), and its dead letters
 * ({@code relay_dead_letters}); and what retention deleted ({@code retention_deleted_total{kind}}). One read-only status
 * read serves every gauge of a scrape and is reused for {@value #REUSE_MILLIS} ms, so a flood of scrapes costs at most
 * one read a second.
 */
final class RelayMetrics {

    private static final long REUSE_MILLIS = 1_000;

    private final RelayAdministration administration;
    private final Clock clock;
    private final Counter deletedEvents;
    private final Counter deletedDeadLetters;
    private final Counter deletedIdempotencyKeys;
    private List<RelayStatus> status = List.of();
    private Instant readAt;

    RelayMetrics(RelayAdministration administration, Clock clock, MeterRegistry registry) {
        this.administration = administration;
        this.clock = clock;
        for (String consumer : RelayAdministration.CONSUMERS) {
            gauge(registry, "relay_lag_events", consumer, "Order events this consumer has not processed yet", RelayStatus::lag);
            gauge(registry, "relay_lag_seconds", consumer, "Age of the oldest order event this consumer has not processed yet",
                    this::lagSeconds);
            gauge(registry, "relay_dead_letters", consumer, "Events this consumer set aside after a refusal", RelayStatus::deadLetters);
        }
        this.deletedEvents = deleted(registry, "events");
        this.deletedDeadLetters = deleted(registry, "dead_letters");
        this.deletedIdempotencyKeys = deleted(registry, "idempotency_keys");
    }

    /** Counts what a retention run deleted. */
    void retained(RetentionReport report) {
        deletedEvents.increment(report.events());
        deletedDeadLetters.increment(report.deadLetters());
        deletedIdempotencyKeys.increment(report.idempotencyKeys());
    }

    private double lagSeconds(RelayStatus status) {
        return status.oldestUnprocessedAt()
                .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private void gauge(MeterRegistry registry, String name, String consumer, String description, ToDoubleFunction<RelayStatus> value) {
        Gauge.builder(name, this, metrics -> metrics.statusOf(consumer).map(value::applyAsDouble).orElse(Double.NaN))
                .tag("consumer", consumer)
                .description(description)
                .register(registry);
    }

    private java.util.Optional<RelayStatus> statusOf(String consumer) {
        return current().stream().filter(status -> status.consumer().equals(consumer)).findFirst();
    }

    private synchronized List<RelayStatus> current() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plusMillis(REUSE_MILLIS))) {
            status = administration.status();
            readAt = now;
        }
        return status;
    }

    private static Counter deleted(MeterRegistry registry, String kind) {
        return Counter.builder("retention_deleted").tag("kind", kind)
                .description("Rows retention deleted since start, by kind").register(registry);
    }
}
