package dev.orderengine.adapter.out.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database: a JDBC URL of H2 ({@code jdbc:h2:...}) or PostgreSQL ({@code jdbc:postgresql://...}),
 * credentials, the size of the connection pool and how long a request may wait for a connection before it
 * fails as unavailable. An H2 URL is completed with the settings the schema needs unless it names them
 * ({@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE},
 * and {@code DB_CLOSE_DELAY=-1} for an in-memory database), so {@code jdbc:h2:file:./data/orders} works as it is.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration connectionTimeout) {

    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** HikariCP refuses anything shorter. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Vendor.of(jdbcUrl);
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least " + MIN_CONNECTION_TIMEOUT + ": " + connectionTimeout);
        }
    }

    /** Settings with the default pool size and connection timeout. */
    public static DatabaseSettings of(String jdbcUrl, String user, String password) {
        return new DatabaseSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size, connectionTimeout);
    }

    public DatabaseSettings withConnectionTimeout(Duration timeout) {
        return new DatabaseSettings(jdbcUrl, user, password, poolSize, timeout);
    }

    /** Whether the URL names a PostgreSQL database (otherwise H2). */
    public boolean isPostgreSQL() {
        return Vendor.of(jdbcUrl) == Vendor.POSTGRESQL;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
