package dev.orderengine.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.application.relay.RelayPorts;
import dev.orderengine.domain.balance.Balances;
import dev.orderengine.domain.coupon.CouponSources;
import dev.orderengine.domain.coupon.Coupons;
import dev.orderengine.domain.order.OrderEvents;
import dev.orderengine.domain.order.Orders;
import dev.orderengine.domain.payment.Payments;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.user.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The storage of the engine, ready to use: a HikariCP pool, the schema migrated by Flyway, and Hibernate with an
 * implementation of every driven port on top. {@link #start} is the one entry point for a composition root;
 * {@link #close} releases everything. Thread-safe.
 */
public final class PersistenceAdapter implements AutoCloseable {

    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 1;
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STATEMENT_TIMEOUT = SOCKET_TIMEOUT.dividedBy(2);
    private static final List<Class<?>> ENTITIES = List.of(UserJpaEntity.class, BalanceJpaEntity.class,
            BalanceHistoryJpaEntity.class, ProductJpaEntity.class, CouponSourceJpaEntity.class, CouponJpaEntity.class,
            OrderJpaEntity.class, RefundJpaEntity.class, PaymentJpaEntity.class, OrderEventJpaEntity.class);

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final Vendor vendor;
    private final EnginePorts ports;
    private final RelayPorts relayPorts;

    private PersistenceAdapter(HikariDataSource dataSource, SessionFactory sessionFactory, Vendor vendor, OpenTelemetry telemetry) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.vendor = vendor;
        SessionScope scope = new SessionScope();
        Tracer tracer = telemetry.getTracer(PersistenceAdapter.class.getPackageName());
        this.ports = new EnginePorts(new HibernateTransactions(sessionFactory, scope, vendor, tracer), new JpaUsers(scope),
                new JpaProducts(scope), new JdbcStockReservations(scope, vendor), new JpaCouponSources(scope),
                new JpaCoupons(scope), new JpaBalances(scope), new JpaPayments(scope), new JpaOrders(scope),
                new JpaOrderEvents(scope, vendor), new JdbcIdempotencyKeys(scope, vendor));
        this.relayPorts = new RelayPorts(new JdbcOrderEventFeed(scope, vendor), new JdbcRelayCursors(scope),
                new JdbcDeadLetters(scope), new JdbcProductSales(scope));
    }

    /**
     * Connects, migrates the schema to the latest version and builds the ports.
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public static PersistenceAdapter start(DatabaseSettings settings) {
        return start(settings, OpenTelemetry.noop());
    }

    /**
     * The same, tracing each transaction with {@code telemetry}: a span per transaction (its attempts, a retry after a
     * deadlock included) with a child span for the wait for a pooled connection.
     */
    public static PersistenceAdapter start(DatabaseSettings settings, OpenTelemetry telemetry) {
        Vendor vendor = Vendor.of(settings.jdbcUrl());
        HikariDataSource dataSource = pool(settings, vendor);
        try {
            migrate(settings, vendor);
            return new PersistenceAdapter(dataSource, hibernate(dataSource), vendor, telemetry);
        } catch (RuntimeException failure) {
            dataSource.close();
            throw StorageErrors.translate(failure);
        }
    }

    /** On connections of its own: Flyway holds two at once, more than a pool of one can give. */
    private static void migrate(DatabaseSettings settings, Vendor vendor) {
        Flyway.configure()
                .dataSource(Vendor.effectiveUrl(settings.jdbcUrl()), settings.user(), settings.password())
                .locations(vendor.migrationLocations())
                .javaMigrations(new V6__OutboxEventBodies())
                .load()
                .migrate();
    }

    private static HikariDataSource pool(DatabaseSettings settings, Vendor vendor) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orders-" + vendor.name().toLowerCase(Locale.ROOT));
        config.setJdbcUrl(Vendor.effectiveUrl(settings.jdbcUrl()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(1000, settings.connectionTimeout().toMillis()));
        config.setAutoCommit(false);
        if (vendor == Vendor.POSTGRESQL) {
            long connectSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("prepareThreshold", "3");
            config.addDataSourceProperty("preparedStatementCacheQueries", "512");
            config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
            config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
            config.addDataSourceProperty("options", sessionTimeouts(settings));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.addDataSourceProperty("ApplicationName", "order-engine");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException failure) {
            throw new StorageUnavailableException("cannot connect to " + settings.jdbcUrl() + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * Server-side limits for every pooled session, sent in the startup packet so that they are the session defaults
     * ({@code SET LOCAL lock_timeout = DEFAULT} in {@link JdbcIdempotencyKeys} returns to them; a
     * {@code connectionInitSql} {@code SET} would not be the default).
     * <ul>
     * <li>{@code lock_timeout}, twice the connection timeout (6 s by default): a request for a row held by a stuck
     * transaction answers 503 {@code UNAVAILABLE} (retry) and gives its pooled connection back within seconds, not
     * at the socket timeout. Longer than the connection timeout so that while such requests hold every pooled
     * connection, the requests queued behind them are refused by the pool's own timeout first, 503 in about the
     * connection timeout. In normal operation a hot stock row is held about 2 ms per order (README, Benchmark),
     * so even a queue of every pooled connection on one row waits well under a second.</li>
     * <li>{@code statement_timeout}, half the socket timeout: a runaway statement is cancelled by the server, which
     * frees its locks and keeps the connection, before the driver gives up on the socket. No statement of the
     * service comes near it; the migrations run on connections of their own.</li>
     * </ul>
     */
    static String sessionTimeouts(DatabaseSettings settings) {
        return "-c lock_timeout=" + settings.connectionTimeout().multipliedBy(2).toMillis() + "ms -c statement_timeout="
                + STATEMENT_TIMEOUT.toMillis() + "ms";
    }

    private static SessionFactory hibernate(DataSource dataSource) {
        return new HibernatePersistenceConfiguration("orders")
                .managedClasses(ENTITIES)
                .properties(Map.of(
                        AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource,
                        AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true,
                        AvailableSettings.STATEMENT_BATCH_SIZE, 50,
                        AvailableSettings.ORDER_INSERTS, true,
                        AvailableSettings.ORDER_UPDATES, true,
                        AvailableSettings.USE_SECOND_LEVEL_CACHE, false,
                        AvailableSettings.USE_QUERY_CACHE, false,
                        AvailableSettings.JDBC_TIME_ZONE, "UTC",
                        AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, true))
                .createEntityManagerFactory();
    }

    public Transactions transactions() {
        return ports.transactions();
    }

    public IdempotencyKeys idempotencyKeys() {
        return ports.idempotencyKeys();
    }

    public Users users() {
        return ports.users();
    }

    public Products products() {
        return ports.products();
    }

    public StockReservations stock() {
        return ports.stock();
    }

    public CouponSources couponSources() {
        return ports.couponSources();
    }

    public Coupons coupons() {
        return ports.coupons();
    }

    public Balances balances() {
        return ports.balances();
    }

    public Payments payments() {
        return ports.payments();
    }

    public Orders orders() {
        return ports.orders();
    }

    public OrderEvents orderEvents() {
        return ports.orderEvents();
    }

    /** Every port at once, as the application's {@code OrderEngine} takes them. */
    public EnginePorts ports() {
        return ports;
    }

    /** The ports of the outbox consumers (event feed, cursors, dead letters, sales), joining the same transactions. */
    public RelayPorts relayPorts() {
        return relayPorts;
    }

    /** The pooled connections to the migrated database, e.g. for a JDBC job store; callers manage their own transactions. */
    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgreSQL() {
        return vendor == Vendor.POSTGRESQL;
    }

    /**
     * Whether the database answers {@code SELECT 1} within about a second (plus the wait for a free connection), in a
     * read-only transaction on a pooled connection: it never writes, and the pool restores the connection's mode.
     */
    public boolean isHealthy() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            statement.setQueryTimeout(HEALTH_CHECK_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            connection.rollback();
            return true;
        } catch (SQLException | RuntimeException unhealthy) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            dataSource.close();
        }
    }
}
