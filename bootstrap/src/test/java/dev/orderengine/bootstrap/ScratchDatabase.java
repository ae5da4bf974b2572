package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.PostgresServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database of its own on the test server, for service processes to migrate and use;
 * dropped, even with sessions still connected, on {@link #close}.
 */
record ScratchDatabase(String name) implements AutoCloseable {

    /** Creates the database; skips the test (or fails it, when PostgreSQL is required) without a server. */
    static ScratchDatabase create() throws SQLException {
        PostgresServer.assumeAvailable();
        String name = "orders_it_" + Instant.now().getEpochSecond() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 1);
        executeOnServer("CREATE DATABASE " + name);
        return new ScratchDatabase(name);
    }

    String url() {
        URI server = URI.create(PostgresServer.url().substring("jdbc:".length()));
        try {
            return "jdbc:" + new URI(server.getScheme(), server.getAuthority(), "/" + name, server.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's environment variables for this database. */
    Map<String, String> settings() {
        return Map.of("ORDERS_DB_URL", url(), "ORDERS_DB_USER", PostgresServer.user(), "ORDERS_DB_PASSWORD", PostgresServer.password());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), PostgresServer.user(), PostgresServer.password());
    }

    @Override
    public void close() throws SQLException {
        executeOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void executeOnServer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresServer.url(), PostgresServer.user(), PostgresServer.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
