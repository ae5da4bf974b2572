package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedHealthCheckTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void callers_arriving_while_a_probe_runs_wait_for_it_and_share_its_answer() throws Exception {
        CountDownLatch probeStarted = new CountDownLatch(1);
        CountDownLatch finishProbe = new CountDownLatch(1);
        SharedHealthCheck shared = shared(() -> {
            probes.incrementAndGet();
            probeStarted.countDown();
            await(finishProbe);
            return true;
        });
        List<Thread> callers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answers = new ArrayList<>();
            answers.add(pool.submit(shared::databaseUp));
            assertThat(probeStarted.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 300; i++) {
                answers.add(pool.submit(() -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    return shared.databaseUp();
                }));
            }
            awaitAllParked(callers, 300);

            finishProbe.countDown();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(probes).hasValue(1);
        assertThat(registry.counter("health.database.probes", "result", "up").count()).isEqualTo(1.0);
    }

    @Test
    void reuses_an_answer_until_it_is_max_age_old_then_probes_again() {
        SharedHealthCheck shared = shared(this::countedProbe);

        assertThat(shared.databaseUp()).isTrue();
        databaseUp.set(false);
        now.addAndGet(MAX_AGE.toNanos() - 1);
        assertThat(shared.databaseUp()).as("younger than max age: the first answer").isTrue();
        assertThat(probes).hasValue(1);

        now.addAndGet(1);
        assertThat(shared.databaseUp()).as("max age reached: probed again").isFalse();
        assertThat(probes).hasValue(2);
        assertThat(registry.counter("health.database.probes", "result", "down").count()).isEqualTo(1.0);
    }

    @Test
    void a_down_answer_is_shared_too_and_a_throwing_probe_counts_as_down() {
        SharedHealthCheck shared = shared(() -> {
            probes.incrementAndGet();
            throw new IllegalStateException("pool closed");
        });

        assertThat(shared.databaseUp()).isFalse();
        assertThat(shared.databaseUp()).isFalse();
        assertThat(probes).hasValue(1);
        assertThat(registry.counter("health.database.probes", "result", "down").count()).isEqualTo(1.0);
    }

    private boolean countedProbe() {
        probes.incrementAndGet();
        return databaseUp.get();
    }

    private SharedHealthCheck shared(HealthCheck probe) {
        return new SharedHealthCheck(probe, MAX_AGE, registry, now::get);
    }

    /** Until every caller has started and is parked, here on the lock behind the probe in flight. */
    private static void awaitAllParked(List<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            synchronized (callers) {
                if (callers.size() == count && callers.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("all %d callers waiting within 10 s", count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
