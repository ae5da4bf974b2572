package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.user.User;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared suite, plus what only a database server does: drop connections and enforce read-only transactions. */
class PostgreSQLTransactionsTest extends TransactionsContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Test
    void a_connection_the_server_dropped_is_unavailable_and_the_next_transaction_gets_a_new_one() throws Exception {
        PersistenceAdapter small = db().start(settings -> settings.withPoolSize(1));
        Product product = fixtures().product(1_000, 10);
        dropTheOnlyConnection(small);

        assertThatThrownBy(() -> small.transactions().readOnly(() -> small.stock().available(List.of(product.id()))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(small.transactions().readOnly(() -> small.stock().available(List.of(product.id())))).containsEntry(product.id(), 10L);
    }

    /** Hibernate's find answers null after a connection failure (HHH-12472): that must not read as a missing row. */
    @Test
    void a_read_by_id_on_a_dropped_connection_is_unavailable_not_a_missing_row() throws Exception {
        PersistenceAdapter small = db().start(settings -> settings.withPoolSize(1));
        User user = fixtures().userWithBalance(1_000);
        dropTheOnlyConnection(small);

        assertThatThrownBy(() -> small.transactions().inTransaction(() -> small.balances().lockByUser(user.id())))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(small.transactions().inTransaction(() -> small.balances().lockByUser(user.id()))).isPresent();
    }

    /** The same for the multi-load of the products of an order: a dropped connection is not "no such product". */
    @Test
    void a_read_of_several_products_on_a_dropped_connection_is_unavailable_not_missing_products() throws Exception {
        PersistenceAdapter small = db().start(settings -> settings.withPoolSize(1));
        Product first = fixtures().product(1_000, 10);
        Product second = fixtures().product(2_000, 10);
        dropTheOnlyConnection(small);

        assertThatThrownBy(() -> small.transactions().inTransaction(() -> small.products().findAllById(List.of(first.id(), second.id()))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(small.transactions().inTransaction(() -> small.products().findAllById(List.of(first.id(), second.id()))))
                .containsOnlyKeys(first.id(), second.id());
    }

    /** Every pooled session has a {@code lock_timeout} (twice the connection timeout), so a held row cannot starve the pool. */
    @Test
    @Timeout(20) // without a lock timeout the reservation would wait for the holder, which waits for it
    void a_row_lock_held_elsewhere_past_the_lock_timeout_ends_as_unavailable_for_plain_sql_and_for_hibernate() throws Exception {
        Duration connectionTimeout = Duration.ofMillis(500);
        Duration lockTimeout = connectionTimeout.multipliedBy(2);
        PersistenceAdapter adapter = db().start(settings -> settings.withConnectionTimeout(connectionTimeout));
        Product product = fixtures().product(1_000, 10);
        User user = fixtures().userWithBalance(1_000);
        try (Connection holder = db().adapter().dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT 1 FROM product_stocks WHERE product_id = " + product.id().value() + " FOR UPDATE");
            statement.execute("SELECT 1 FROM balances WHERE user_id = " + user.id().value() + " FOR UPDATE");

            long started = System.nanoTime();
            assertThatThrownBy(() -> adapter.transactions().inTransaction(() -> {
                adapter.stock().reserve(List.of(new StockLine(product.id(), 1)));
                return null;
            })).isInstanceOf(StorageUnavailableException.class).hasMessageContaining("lock");
            assertThatThrownBy(() -> adapter.transactions().inTransaction(() -> adapter.balances().lockByUser(user.id())))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("lock");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two lock waits").isBetween(lockTimeout.multipliedBy(2), Duration.ofSeconds(5));
            holder.rollback();
        }
        adapter.transactions().inTransaction(() -> {
            adapter.stock().reserve(List.of(new StockLine(product.id(), 1)));
            return null;
        });
        assertThat(adapter.transactions().inTransaction(() -> adapter.balances().lockByUser(user.id()))).isPresent();
    }

    @Test
    void a_read_only_transaction_refuses_writes() {
        Product product = fixtures().product(1_000, 10);

        assertThatThrownBy(() -> readOnly(() -> {
            adapter().stock().set(product.id(), 1);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    /** Has the server end the backend of the single pooled connection of {@code small}, as a restart would. */
    private void dropTheOnlyConnection(PersistenceAdapter small) throws Exception {
        long backend;
        try (Connection connection = small.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            backend = row.getLong(1);
            connection.rollback();
        }
        db().queryValue("SELECT pg_terminate_backend(?)", (int) backend);
    }
}
