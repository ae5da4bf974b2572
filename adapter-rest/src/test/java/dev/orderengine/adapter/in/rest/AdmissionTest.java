package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void runs_at_most_the_limit_at_once_and_refuses_with_503_unavailable_when_the_turn_does_not_come_in_time()
            throws Exception {
        Admission admission = Admission.limited(2, Duration.ofMillis(200));
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> holding(admission, started, finish));
            Future<?> second = pool.submit(() -> holding(admission, started, finish));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            long waitStarted = System.nanoTime();
            assertThatThrownBy(() -> admission.run(() -> { }))
                    .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(503);
                        assertThat(problem.code()).isEqualTo(HttpProblem.UNAVAILABLE);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - waitStarted)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

            finish.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
        }
        AtomicInteger ran = new AtomicInteger();
        admission.run(ran::incrementAndGet);
        admission.run(ran::incrementAndGet);
        assertThat(ran).hasValue(2);
    }

    @Test
    void gives_the_turn_back_when_the_work_fails() throws Exception {
        Admission admission = Admission.limited(1, Duration.ofMillis(100));

        assertThatThrownBy(() -> admission.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        AtomicInteger ran = new AtomicInteger();
        admission.run(ran::incrementAndGet);
        assertThat(ran).hasValue(1);
    }

    @Test
    void unlimited_runs_everything_at_once() throws Exception {
        Admission admission = Admission.unlimited();
        CountDownLatch together = new CountDownLatch(50);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> {
                    admission.run(() -> {
                        together.countDown();
                        assertThat(together.await(5, TimeUnit.SECONDS)).isTrue();
                    });
                    return null;
                });
            }
        }
        assertThat(together.getCount()).isZero();
    }

    private static Void holding(Admission admission, CountDownLatch started, CountDownLatch finish) throws Exception {
        admission.run(() -> {
            started.countDown();
            assertThat(finish.await(5, TimeUnit.SECONDS)).isTrue();
        });
        return null;
    }
}
