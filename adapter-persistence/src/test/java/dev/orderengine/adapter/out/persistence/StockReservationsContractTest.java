package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stock: all-or-nothing reservations decided by the database, also under real concurrency. */
abstract class StockReservationsContractTest extends StorageContract {

    @Test
    void reserve_takes_every_line() {
        Product a = fixtures().product(1_000, 10);
        Product b = fixtures().product(1_000, 5);

        tx(() -> adapter().stock().reserve(List.of(new StockLine(b.id(), 5), new StockLine(a.id(), 3))));

        assertThat(available(a, b)).containsEntry(a.id(), 7L).containsEntry(b.id(), 0L);
    }

    @Test
    void one_short_line_refuses_the_reservation_with_out_of_stock_naming_the_product_and_takes_nothing() {
        Product plenty = fixtures().product(1_000, 10);
        Product scarce = fixtures().product(1_000, 1);

        assertThatThrownBy(() -> tx(() -> adapter().stock().reserve(
                List.of(new StockLine(plenty.id(), 4), new StockLine(scarce.id(), 2)))))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    assertThat(e.detail()).contains("product " + scarce.id());
                });
        assertThat(available(plenty, scarce)).containsEntry(plenty.id(), 10L).containsEntry(scarce.id(), 1L);
    }

    @Test
    void a_refused_reservation_takes_nothing_even_when_the_caller_commits_anyway() {
        Product plenty = fixtures().product(1_000, 10);
        Product scarce = fixtures().product(1_000, 1);

        DomainException refusal = tx(() -> {
            try {
                adapter().stock().reserve(List.of(new StockLine(plenty.id(), 4), new StockLine(scarce.id(), 2)));
                return null;
            } catch (RejectedException refused) {
                return refused;
            }
        });

        assertThat(refusal.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
        assertThat(available(plenty, scarce)).containsEntry(plenty.id(), 10L).containsEntry(scarce.id(), 1L);
    }

    @Test
    void reserving_a_product_without_stock_record_is_product_not_found() {
        Product stocked = fixtures().product(1_000, 10);
        ProductId unknown = new ProductId(Long.MAX_VALUE);

        assertThatThrownBy(() -> tx(() -> adapter().stock().reserve(List.of(new StockLine(stocked.id(), 1), new StockLine(unknown, 1)))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND));
        assertThat(available(stocked)).containsEntry(stocked.id(), 10L);
    }

    @Test
    void release_gives_the_lines_back() {
        Product a = fixtures().product(1_000, 10);
        Product b = fixtures().product(1_000, 0);

        tx(() -> adapter().stock().release(List.of(new StockLine(a.id(), 2), new StockLine(b.id(), 3))));

        assertThat(available(a, b)).containsEntry(a.id(), 12L).containsEntry(b.id(), 3L);
    }

    @Test
    void set_creates_the_stock_record_then_replaces_it() {
        Product product = fixtures().product(1_000, 3);

        tx(() -> adapter().stock().set(product.id(), 42));

        assertThat(available(product)).containsExactly(Map.entry(product.id(), 42L));
    }

    @Test
    void available_reports_only_products_with_a_stock_record() {
        Product product = fixtures().product(1_000, 3);

        assertThat(readOnly(() -> adapter().stock().available(List.of(product.id(), new ProductId(Long.MAX_VALUE)))))
                .containsExactly(Map.entry(product.id(), 3L));
        assertThat(readOnly(() -> adapter().stock().available(List.of()))).isEmpty();
    }

    @Test
    void the_database_refuses_negative_stock() {
        Product product = fixtures().product(1_000, 3);

        assertThatThrownBy(() -> db().update("UPDATE product_stocks SET quantity = quantity - 4 WHERE product_id = ?", product.id().value()))
                .isInstanceOf(SQLException.class).hasMessageContaining("product_stocks_quantity_ck");
    }

    @Test
    void two_hundred_concurrent_reservations_of_a_stock_of_fifty_sell_exactly_fifty() throws Exception {
        Product product = fixtures().product(1_000, 50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            attempts.add(inThread(() -> {
                await(start);
                try {
                    tx(() -> adapter().stock().reserve(List.of(new StockLine(product.id(), 1))));
                    return true;
                } catch (RejectedException refused) {
                    assertThat(refused.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
                    return false;
                }
            }));
        }
        long started = System.nanoTime();
        start.countDown();

        int sold = 0;
        for (Future<Boolean> attempt : attempts) {
            sold += attempt.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }

        report("200 threads on a stock of 50", started);
        assertThat(sold).isEqualTo(50);
        assertThat(available(product)).containsEntry(product.id(), 0L);
    }

    @Test
    void concurrent_multi_line_reservations_crossing_each_others_products_never_deadlock() throws Exception {
        List<Product> products = fixtures().products(6, 1_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int worker = 0; worker < 16; worker++) {
            workers.add(inThread(() -> {
                await(start);
                int units = 0;
                for (int round = 0; round < 20; round++) {
                    List<Product> mine = new ArrayList<>(products);
                    Collections.shuffle(mine, ThreadLocalRandom.current());
                    List<StockLine> lines = mine.subList(0, 2 + ThreadLocalRandom.current().nextInt(4)).stream()
                            .map(product -> new StockLine(product.id(), 1)).toList();
                    tx(() -> adapter().stock().reserve(lines));
                    units += lines.size();
                }
                return units;
            }));
        }
        long retriesBefore = ((HibernateTransactions) adapter().transactions()).retries();
        long started = System.nanoTime();
        start.countDown();

        int taken = 0;
        for (Future<Integer> worker : workers) {
            try {
                taken += worker.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                throw new AssertionError("a reservation failed: " + failed.getCause(), failed.getCause());
            }
        }

        report("16 threads x 20 multi-line reservations over 6 shared products", started);
        long left = available(products.toArray(Product[]::new)).values().stream().mapToLong(Long::longValue).sum();
        assertThat(left).isEqualTo(6 * 1_000 - taken);
        assertThat(((HibernateTransactions) adapter().transactions()).retries() - retriesBefore)
                .as("transactions rerun after a deadlock").isZero();
    }

    private Map<ProductId, Long> available(Product... products) {
        return readOnly(() -> adapter().stock().available(Arrays.stream(products).map(Product::id).toList()));
    }

    private void report(String what, long startedNanos) {
        System.out.printf("[%s] %s: %d ms%n", db(), what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
