package dev.orderengine.adapter.in.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HealthCheck} that probes the database at most once at a time and shares the answer: callers arriving while
 * a probe runs wait for it and take its answer, and an answer younger than {@code maxAge} is returned without probing.
 * However many health requests arrive at once, they hold at most one pooled connection, about once per
 * {@code maxAge}, and leave the others to the orders. A probe that throws counts as down. Every probe is counted as
 * {@code health_database_probes_total{result="up"|"down"}}. Thread-safe; waiting does not pin a virtual thread.
 */
public final class SharedHealthCheck implements HealthCheck {

    /** Long enough that a flood costs a probe a second, short enough for a load balancer polling every few seconds. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SharedHealthCheck.class);

    private final HealthCheck probe;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Counter up;
    private final Counter down;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Answer last;

    /** A probe shared for {@link #DEFAULT_MAX_AGE}. */
    public SharedHealthCheck(HealthCheck probe, MeterRegistry registry) {
        this(probe, DEFAULT_MAX_AGE, registry, System::nanoTime);
    }

    SharedHealthCheck(HealthCheck probe, Duration maxAge, MeterRegistry registry, LongSupplier nanoTime) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.up = probes(registry, "up");
        this.down = probes(registry, "down");
    }

    @Override
    public boolean databaseUp() {
        Answer known = last;
        if (fresh(known)) {
            return known.up();
        }
        probing.lock();
        try {
            known = last;
            if (fresh(known)) {
                // the probe this caller waited for
                return known.up();
            }
            boolean answer = probeOnce();
            last = new Answer(answer, nanoTime.getAsLong());
            return answer;
        } finally {
            probing.unlock();
        }
    }

    private boolean probeOnce() {
        boolean answer;
        try {
            answer = probe.databaseUp();
        } catch (RuntimeException e) {
            log.warn("database health probe failed", e);
            answer = false;
        }
        (answer ? up : down).increment();
        return answer;
    }

    private boolean fresh(Answer answer) {
        return answer != null && nanoTime.getAsLong() - answer.atNanos() < maxAgeNanos;
    }

    private static Counter probes(MeterRegistry registry, String result) {
        return Counter.builder("health.database.probes")
                .description("Database probes made for /health and /health/ready (shared by concurrent requests)")
                .tag("result", result)
                .register(registry);
    }

    /** What a probe found, and when it finished (System.nanoTime scale). */
    private record Answer(boolean up, long atNanos) {
    }
}
