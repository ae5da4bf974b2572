package dev.orderengine.bootstrap.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobSchedulerTest {

    @Test
    void runs_a_task_repeatedly_never_twice_at_once_and_survives_its_failures() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch fiveRuns = new CountDownLatch(5);
        try (JobScheduler scheduler = JobScheduler.inMemory("job-scheduler-test")) {
            scheduler.every(Duration.ofMillis(20), "slow-and-failing", () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                fiveRuns.countDown();
                throw new IllegalStateException("every run fails");
            });
            scheduler.start();

            assertThat(fiveRuns.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void triggers_a_paused_job_on_demand_only() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch triggered = new CountDownLatch(1);
        try (JobScheduler scheduler = JobScheduler.inMemory("job-scheduler-trigger-test")) {
            scheduler.every(Duration.ofHours(1), "hourly", () -> {
                runs.incrementAndGet();
                triggered.countDown();
            });
            scheduler.pause("hourly");
            scheduler.start();
            Thread.sleep(200);
            assertThat(runs).hasValue(0);

            scheduler.resume("hourly");
            scheduler.triggerNow("hourly");
            assertThat(triggered.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void two_schedulers_of_one_cluster_name_in_one_jvm_keep_their_own_jobs_and_lives() throws InterruptedException {
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicInteger firstRuns = new AtomicInteger();
        JobScheduler first = JobScheduler.inMemory("same-name");
        try (JobScheduler second = JobScheduler.inMemory("same-name")) {
            first.every(Duration.ofHours(1), "job", firstRuns::incrementAndGet);
            second.every(Duration.ofHours(1), "job", secondRan::countDown);
            first.pause("job");
            second.pause("job");
            first.start();
            second.start();
            first.close();

            second.resume("job");
            second.triggerNow("job");
            assertThat(secondRan.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(firstRuns).hasValue(0);
        }
    }
}
