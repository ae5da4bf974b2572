package dev.orderengine.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InMemoryTransactionsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private final EnginePorts ports = InMemoryPorts.create();
    private final InMemoryStorage storage = InMemoryPorts.storageOf(ports);

    @Test
    void commits_what_the_work_wrote_when_it_returns() {
        UserId id = inTransaction(() -> addUser("Ada"));

        assertThat(ports.transactions().readOnly(() -> ports.users().findById(id))).isPresent();
    }

    @Test
    void undoes_every_write_when_the_work_throws_and_rethrows_the_same_exception() {
        ProductId pen = new ProductId(1);
        inTransaction(() -> {
            ports.stock().set(pen, 5);
            return null;
        });
        RuntimeException failure = new RuntimeException("boom");
        List<UserId> created = new ArrayList<>();

        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            created.add(addUser("Ada"));
            ports.stock().set(pen, 1);
            ports.stock().set(new ProductId(2), 9);
            ports.idempotencyKeys().claim(new IdempotencyKey(created.getFirst(), "k"), "fingerprint");
            throw failure;
        })).isSameAs(failure);

        assertThat(ports.transactions().readOnly(() -> ports.users().findById(created.getFirst()))).isEmpty();
        assertThat(ports.transactions().readOnly(() -> ports.balances().findByUser(created.getFirst()))).isEmpty();
        assertThat(storage.stockLevels()).containsExactly(Map.entry(pen, 5L));
    }

    @Test
    void keeps_drawn_ids_after_a_rollback_like_a_sequence() {
        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> {
            addUser("Ada");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        UserId next = inTransaction(() -> addUser("Bob"));

        assertThat(next).isEqualTo(new UserId(2));
    }

    @Test
    void refuses_port_calls_outside_a_transaction() {
        assertThatThrownBy(() -> ports.users().findById(new UserId(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ports.orders().nextId()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ports.stock().set(new ProductId(1), 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refuses_nested_transactions() {
        assertThatThrownBy(() -> ports.transactions().inTransaction(() -> ports.transactions().readOnly(() -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nest");
    }

    @Test
    void refuses_writes_in_a_read_only_transaction_and_keeps_none() {
        assertThatThrownBy(() -> ports.transactions().readOnly(() -> {
            ports.stock().set(new ProductId(1), 3);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");

        assertThat(storage.stockLevels()).isEmpty();
    }

    @Test
    void runs_one_transaction_at_a_time() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> first = threads.submit(() -> ports.transactions().inTransaction(() -> {
                firstInside.countDown();
                await(releaseFirst);
                return null;
            }));
            assertThat(firstInside.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> second = threads.submit(() -> ports.transactions().readOnly(() -> secondRan.getAndSet(true)));

            assertThat(second).failsWithin(200, TimeUnit.MILLISECONDS);
            assertThat(secondRan).isFalse();
            releaseFirst.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
            assertThat(secondRan).isTrue();
        }
    }

    @Test
    void loses_no_update_under_concurrent_read_modify_write() throws Exception {
        ProductId counter = new ProductId(1);
        inTransaction(() -> {
            ports.stock().set(counter, 0);
            return null;
        });
        int threads = 8;
        int incrementsEach = 500;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        ports.transactions().inTransaction(() -> {
                            long current = ports.stock().available(List.of(counter)).get(counter);
                            ports.stock().set(counter, Math.toIntExact(current + 1));
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(storage.stockOf(counter)).isEqualTo(threads * incrementsEach);
    }

    @Test
    void inspection_joins_the_callers_transaction_and_sees_its_writes() {
        List<OrderEvent> seen = ports.transactions().inTransaction(() -> {
            ports.stock().set(new ProductId(4), 2);
            assertThat(storage.stockLevels()).containsEntry(new ProductId(4), 2L);
            return storage.events();
        });

        assertThat(seen).isEmpty();
    }

    private UserId addUser(String name) {
        User user = User.register(ports.users().nextId(), name, NOW);
        ports.users().add(user);
        ports.balances().add(Balance.openFor(user.id()));
        return user.id();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return ports.transactions().inTransaction(work);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
