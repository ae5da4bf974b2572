package dev.orderengine.adapter.out.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use, from {@code ORDERS_TEST_PG_URL}, {@code ORDERS_TEST_PG_USER},
 * {@code ORDERS_TEST_PG_PASSWORD} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}).
 * Each test class gets its own schema in that database. When the server cannot be reached the tests are skipped,
 * or fail when {@code -Dorders.test.requirePostgres=true} or {@code ORDERS_TEST_REQUIRE_POSTGRES=true}.
 */
public final class PostgresServer {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String DEFAULT_USER = "postgres";
    static final String SCHEMA_PREFIX = "orders_test_";
    /** Schemas of earlier runs that died before dropping theirs are dropped once they are this old. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

    private static volatile Optional<String> unreachable;

    private PostgresServer() {
    }

    public static String url() {
        return env("ORDERS_TEST_PG_URL", DEFAULT_URL);
    }

    public static String user() {
        return env("ORDERS_TEST_PG_USER", DEFAULT_USER);
    }

    public static String password() {
        return env("ORDERS_TEST_PG_PASSWORD", "");
    }

    public static boolean isRequired() {
        return Boolean.parseBoolean(System.getProperty("orders.test.requirePostgres", "false"))
                || Boolean.parseBoolean(Optional.ofNullable(System.getenv("ORDERS_TEST_REQUIRE_POSTGRES")).orElse("false"));
    }

    /**
     * Empty when the server answers. Otherwise fails when PostgreSQL is required; if not, returns why it cannot
     * be used (the caller skips its tests), after a loud message printed once.
     */
    static Optional<String> unavailability() {
        Optional<String> problem = checkOnce();
        if (problem.isEmpty()) {
            return problem;
        }
        String message = "PostgreSQL at " + url() + " (user " + user() + ") is not reachable: " + problem.get().replaceAll("\\.$", "");
        if (isRequired()) {
            throw new IllegalStateException(message + "; PostgreSQL tests are required (orders.test.requirePostgres / ORDERS_TEST_REQUIRE_POSTGRES)");
        }
        return Optional.of(message + "; PostgreSQL tests skipped");
    }

    /**
     * For tests that use PostgreSQL without {@link TestDatabase} (e.g. a server process): returns when the server
     * answers, fails when PostgreSQL is required, and otherwise skips the calling test with the reason.
     */
    public static void assumeAvailable() {
        unavailability().ifPresent(Assumptions::abort);
    }

    /** Creates an empty schema with a unique name; returns its name. */
    static String createSchema() {
        String name = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        execute("CREATE SCHEMA " + name);
        return name;
    }

    static void dropSchema(String name) {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /** The URL of the test database with {@code schema} as the connection's current schema. */
    static String urlFor(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static synchronized Optional<String> checkOnce() {
        if (unreachable == null) {
            unreachable = check();
            unreachable.ifPresentOrElse(PostgresServer::printBanner, PostgresServer::dropAbandonedSchemas);
        }
        return unreachable;
    }

    private static Optional<String> check() {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(url(), user(), password())) {
            return connection.isValid(3) ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void printBanner(String problem) {
        String line = "*".repeat(100);
        System.err.printf("%n%s%n*** PostgreSQL NOT REACHABLE at %s (user %s): %s%n"
                        + "*** PostgreSQL tests are %s. Start PostgreSQL 15+ on it, or point ORDERS_TEST_PG_URL / ORDERS_TEST_PG_USER /%n"
                        + "*** ORDERS_TEST_PG_PASSWORD at one. Set -Dorders.test.requirePostgres=true or ORDERS_TEST_REQUIRE_POSTGRES=true%n"
                        + "*** to make a missing PostgreSQL fail the build (CI does).%n%s%n%n",
                line, url(), user(), problem, isRequired() ? "REQUIRED and will FAIL" : "SKIPPED", line);
    }

    private static void dropAbandonedSchemas() {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(), user(), password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '"
                     + SCHEMA_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (createdAt(name).map(seconds -> seconds < cutoff).orElse(false)) {
                    abandoned.add(name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list test schemas", e);
        }
        abandoned.forEach(PostgresServer::dropSchema);
    }

    private static Optional<Long> createdAt(String schema) {
        String[] parts = schema.substring(SCHEMA_PREFIX.length()).split("_");
        try {
            return Optional.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on PostgreSQL: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
