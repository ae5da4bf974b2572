package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transaction boundaries: commit, rollback, retries of transient aborts, and outages reported as unavailable. */
abstract class TransactionsContractTest extends StorageContract {

    @Test
    void commits_what_the_work_wrote_when_it_returns() {
        User user = tx(() -> {
            User registered = User.register(adapter().users().nextId(), "Ada", NOW);
            adapter().users().add(registered);
            return registered;
        });

        assertThat(readOnly(() -> adapter().users().findById(user.id()))).isPresent();
    }

    @Test
    void rolls_back_and_rethrows_the_very_exception_the_work_threw() {
        RejectedException thrown = new RejectedException(ErrorCode.INSUFFICIENT_BALANCE, "no money");
        UserId[] written = new UserId[1];

        assertThatThrownBy(() -> tx(() -> {
            User registered = User.register(adapter().users().nextId(), "Ada", NOW);
            adapter().users().add(registered);
            written[0] = registered.id();
            throw thrown;
        })).isSameAs(thrown);
        assertThat(readOnly(() -> adapter().users().findById(written[0]))).isEmpty();
    }

    @Test
    void rolls_back_writes_already_sent_to_the_database() {
        Product product = fixtures().product(1_000, 10);
        IllegalStateException thrown = new IllegalStateException("after the write");

        assertThatThrownBy(() -> tx(() -> {
            adapter().stock().set(product.id(), 99);
            throw thrown;
        })).isSameAs(thrown);
        assertThat(readOnly(() -> adapter().stock().available(List.of(product.id())))).containsEntry(product.id(), 10L);
    }

    @Test
    void refuses_to_nest_transactions() {
        assertThatThrownBy(() -> tx(() -> tx(() -> 1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
        assertThatThrownBy(() -> readOnly(() -> tx(() -> 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_storage_failure_without_a_domain_meaning_is_a_plain_runtime_exception() {
        User user = fixtures().user();

        assertThatThrownBy(() -> tx(() -> adapter().users().add(user)))
                .isExactlyInstanceOf(RuntimeException.class).hasMessageStartingWith("storage failure");
    }

    @Test
    void a_deadlock_victim_is_run_again_and_both_transactions_commit() throws Exception {
        User first = fixtures().user();
        User second = fixtures().user();
        CyclicBarrier bothLockedOne = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();

        Future<Object> one = inThread(() -> chargeBoth(first, second, bothLockedOne, attempts));
        Future<Object> other = inThread(() -> chargeBoth(second, first, bothLockedOne, attempts));
        one.get(30, TimeUnit.SECONDS);
        other.get(30, TimeUnit.SECONDS);

        assertThat(attempts).as("the victim ran its work twice").hasValue(3);
        assertThat(readOnly(() -> adapter().balances().findByUser(first.id()))).map(Balance::amount).contains(Money.of(2));
        assertThat(readOnly(() -> adapter().balances().findByUser(second.id()))).map(Balance::amount).contains(Money.of(2));
    }

    @Test
    void a_transient_abort_is_retried_at_most_three_times_in_all() {
        AtomicInteger attempts = new AtomicInteger();
        TransientStorageException abort = new TransientStorageException("serialization failure", null);

        assertThatThrownBy(() -> tx(() -> {
            attempts.incrementAndGet();
            throw abort;
        })).isSameAs(abort);
        assertThat(attempts).hasValue(HibernateTransactions.MAX_ATTEMPTS);
    }

    @Test
    void a_read_only_transaction_sees_one_consistent_state() throws Exception {
        Product product = fixtures().product(1_000, 10);
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        Future<List<Long>> reader = inThread(() -> readOnly(() -> {
            long before = adapter().stock().available(List.of(product.id())).get(product.id());
            firstRead.countDown();
            await(changed);
            return List.of(before, adapter().stock().available(List.of(product.id())).get(product.id()));
        }));
        assertThat(firstRead.await(10, TimeUnit.SECONDS)).isTrue();
        tx(() -> adapter().stock().set(product.id(), 20));
        changed.countDown();

        assertThat(reader.get(10, TimeUnit.SECONDS)).containsExactly(10L, 10L);
    }

    @Test
    void a_pool_without_a_free_connection_in_time_is_unavailable() throws Exception {
        PersistenceAdapter small = db().start(settings -> settings.withPoolSize(1).withConnectionTimeout(Duration.ofMillis(250)));
        Product product = fixtures().product(1_000, 10);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = inThread(() -> small.transactions().inTransaction(() -> {
            small.stock().available(List.of(product.id()));
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> small.transactions().readOnly(() -> small.stock().available(List.of(product.id()))))
                    .isInstanceOf(StorageUnavailableException.class);
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        assertThat(small.transactions().readOnly(() -> small.stock().available(List.of(product.id())))).containsEntry(product.id(), 10L);
    }

    @Test
    void reports_health_while_the_database_answers_and_not_once_closed() {
        PersistenceAdapter another = db().start(settings -> settings.withPoolSize(1));

        assertThat(another.isHealthy()).isTrue();
        another.close();
        assertThat(another.isHealthy()).isFalse();
    }

    @Test
    void the_health_probe_leaves_the_pooled_connection_writable() throws Exception {
        try (PersistenceAdapter another = db().start(settings -> settings.withPoolSize(1))) {
            assertThat(another.isHealthy()).isTrue();

            try (var connection = another.dataSource().getConnection()) {
                assertThat(connection.isReadOnly()).as("the only pooled connection, after the probe").isFalse();
            }
            User registered = another.transactions().inTransaction(() -> {
                User user = User.register(another.users().nextId(), "Ada", NOW);
                another.users().add(user);
                return user;
            });
            assertThat(another.transactions().readOnly(() -> another.users().findById(registered.id()))).isPresent();
        }
    }

    @Test
    void an_unreachable_database_is_unavailable_at_start() {
        String nowhere = db().isPostgreSQL() ? "jdbc:postgresql://127.0.0.1:1/test" : "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere";

        assertThatThrownBy(() -> PersistenceAdapter.start(new DatabaseSettings(nowhere, "nobody", "", 1, Duration.ofMillis(500))))
                .isInstanceOf(StorageUnavailableException.class);
    }

    private Object chargeBoth(User firstLocked, User secondLocked, CyclicBarrier bothLockedOne, AtomicInteger attempts) {
        return tx(() -> {
            boolean firstAttempt = attempts.incrementAndGet() <= 2;
            Balance one = adapter().balances().lockByUser(firstLocked.id()).orElseThrow();
            if (firstAttempt) {
                awaitBarrier(bothLockedOne);
            }
            Balance two = adapter().balances().lockByUser(secondLocked.id()).orElseThrow();
            adapter().balances().save(one, one.charge(Money.of(1), NOW));
            adapter().balances().save(two, two.charge(Money.of(1), NOW));
            return null;
        });
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other transaction did not lock its first balance", e);
        }
    }
}
