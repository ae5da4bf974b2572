package dev.orderengine.adapter.out.persistence.testing;

import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.PersistenceAdapter;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A fresh, migrated database for one test class, with a started {@link PersistenceAdapter} over it: a unique
 * in-memory H2 database, or a unique schema in the PostgreSQL test database (see {@link PostgresServer}), dropped
 * after the class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase DB = TestDatabase.postgresql();
 * }</pre>
 *
 * For PostgreSQL, a server that cannot be reached skips the class, or fails it when PostgreSQL is required.
 * Tests of one class share the database: make each test's data its own (fresh users and products).
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Pool size of the adapter a test class gets: enough for the concurrency tests. */
    public static final int POOL_SIZE = 12;
    private static final AtomicLong H2_NAMES = new AtomicLong();

    private final boolean postgresql;
    private final boolean migrated;
    private final List<PersistenceAdapter> started = new ArrayList<>();
    private Class<?> owner;
    private Optional<String> skipReason = Optional.empty();
    private String schema;
    private DatabaseSettings settings;
    private PersistenceAdapter adapter;

    private TestDatabase(boolean postgresql, boolean migrated) {
        this.postgresql = postgresql;
        this.migrated = migrated;
    }

    public static TestDatabase h2() {
        return new TestDatabase(false, true);
    }

    public static TestDatabase postgresql() {
        return new TestDatabase(true, true);
    }

    /**
     * An empty database that no adapter has migrated yet, e.g. to bring it to an older schema version first: no
     * {@link #adapter()}, but {@link #settings()} and {@link #start} (which migrates it to the latest version).
     */
    public static TestDatabase unmigrated(boolean postgresql) {
        return new TestDatabase(postgresql, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (owner != null) {
            return; // a @Nested class of the owner: shares its database
        }
        owner = context.getRequiredTestClass();
        if (postgresql) {
            skipReason = PostgresServer.unavailability();
            if (skipReason.isPresent()) {
                return;
            }
            schema = PostgresServer.createSchema();
            settings = new DatabaseSettings(PostgresServer.urlFor(schema), PostgresServer.user(), PostgresServer.password(),
                    POOL_SIZE, Duration.ofSeconds(3));
        } else {
            settings = new DatabaseSettings("jdbc:h2:mem:orders_test_" + H2_NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid(),
                    "sa", "", POOL_SIZE, Duration.ofSeconds(3));
        }
        if (migrated) {
            adapter = start(UnaryOperator.identity());
        }
    }

    /** Skips each test, one by one so that reports count them, when PostgreSQL cannot be reached and is not required. */
    @Override
    public void beforeEach(ExtensionContext context) {
        skipReason.ifPresent(reason -> {
            throw new TestAbortedException(reason);
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (owner == null || !owner.equals(context.getRequiredTestClass())) {
            return;
        }
        try {
            if (!postgresql && !started.isEmpty()) {
                dropH2Objects(started.getFirst()); // frees the memory; the empty in-memory database is gone with the JVM
            }
            started.forEach(PersistenceAdapter::close);
        } finally {
            started.clear();
            if (schema != null) {
                PostgresServer.dropSchema(schema);
            }
            owner = null;
            skipReason = Optional.empty();
            schema = null;
            settings = null;
            adapter = null;
        }
    }

    /** The adapter over this class's database. */
    public PersistenceAdapter adapter() {
        if (adapter == null) {
            throw new IllegalStateException("the database starts before the test class; register TestDatabase as a static @RegisterExtension field");
        }
        return adapter;
    }

    /** The class's adapter, or for an {@link #unmigrated} database the first one {@link #start}ed. */
    private PersistenceAdapter anyAdapter() {
        return adapter != null || started.isEmpty() ? adapter() : started.getFirst();
    }

    /** How to reach this class's database, e.g. to start other components on it. */
    public DatabaseSettings settings() {
        if (settings == null) {
            throw new IllegalStateException("the database starts before the test class; register TestDatabase as a static @RegisterExtension field");
        }
        return settings;
    }

    public boolean isPostgreSQL() {
        return postgresql;
    }

    /** Another adapter over the same database (like a second node), closed with the class. */
    public PersistenceAdapter start(UnaryOperator<DatabaseSettings> adjust) {
        return start(adjust, OpenTelemetry.noop());
    }

    /** The same, tracing with {@code telemetry}. */
    public PersistenceAdapter start(UnaryOperator<DatabaseSettings> adjust, OpenTelemetry telemetry) {
        PersistenceAdapter another = PersistenceAdapter.start(adjust.apply(settings()), telemetry);
        started.add(another);
        return another;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return adapter().transactions().inTransaction(work);
    }

    public void inTransaction(Runnable work) {
        adapter().transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Runs one SQL statement outside the adapter and commits it; returns the update count. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = anyAdapter().dataSource().getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            int count = statement.execute() ? 0 : statement.getUpdateCount();
            connection.commit();
            return count;
        }
    }

    /** The first column of the first row of a query run outside the adapter, if there is a row and it is not null. */
    public Optional<Object> queryValue(String sql, Object... parameters) throws SQLException {
        try (Connection connection = anyAdapter().dataSource().getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            Optional<Object> value = rows.next() ? Optional.ofNullable(rows.getObject(1)) : Optional.empty();
            connection.rollback();
            return value;
        }
    }

    /** A number selected by {@code sql}, e.g. a count. */
    public long queryLong(String sql, Object... parameters) throws SQLException {
        return queryValue(sql, parameters).map(value -> ((Number) value).longValue())
                .orElseThrow(() -> new IllegalStateException("no number from " + sql));
    }

    @Override
    public String toString() {
        return postgresql ? "PostgreSQL" : "H2";
    }

    private static void dropH2Objects(PersistenceAdapter any) throws SQLException {
        try (Connection connection = any.dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement("DROP ALL OBJECTS")) {
            statement.execute();
            connection.commit();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
