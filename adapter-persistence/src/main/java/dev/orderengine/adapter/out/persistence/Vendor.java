package dev.orderengine.adapter.out.persistence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The two databases the adapter runs on, and the few statements whose SQL differs between them. */
enum Vendor {

    H2("h2",
            "MERGE INTO product_stocks (product_id, quantity) KEY (product_id) VALUES (?, ?)",
            "tx_id = ? AND id > ?", "tx_id = ? AND id <= ?", ""),
    POSTGRESQL("postgresql",
            "INSERT INTO product_stocks (product_id, quantity) VALUES (?, ?) "
                    + "ON CONFLICT (product_id) DO UPDATE SET quantity = EXCLUDED.quantity",
            "(tx_id, id) > (?, ?)", "(tx_id, id) <= (?, ?)",
            " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint");

    /**
     * Settings an H2 URL gets unless it names them: the PostgreSQL dialect the migrations and queries are written in,
     * a lock wait long enough for a busy moment, and no closing of the database by H2's own shutdown hook, which would
     * fail the requests the server still serves while it drains on SIGTERM (the server closes its pool, and with it
     * the database, once they are done). An in-memory database also lives on until the JVM ends.
     */
    private static final Map<String, String> H2_DEFAULTS = linked(
            "MODE", "PostgreSQL", "DATABASE_TO_LOWER", "TRUE", "DEFAULT_NULL_ORDERING", "HIGH", "LOCK_TIMEOUT", "10000",
            "DB_CLOSE_ON_EXIT", "FALSE");

    private final String folder;
    private final String upsertStockSql;
    private final String relayOrderAfter;
    private final String relayOrderAtOrBefore;
    private final String settledEventsOnly;

    Vendor(String folder, String upsertStockSql, String relayOrderAfter, String relayOrderAtOrBefore, String settledEventsOnly) {
        this.folder = folder;
        this.upsertStockSql = upsertStockSql;
        this.relayOrderAfter = relayOrderAfter;
        this.relayOrderAtOrBefore = relayOrderAtOrBefore;
        this.settledEventsOnly = settledEventsOnly;
    }

    static Vendor of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (H2 or PostgreSQL only): " + jdbcUrl);
    }

    /** The URL to connect with: an H2 URL completed with {@link #H2_DEFAULTS}; a PostgreSQL URL as it is. */
    static String effectiveUrl(String jdbcUrl) {
        if (of(jdbcUrl) != H2) {
            return jdbcUrl;
        }
        StringBuilder url = new StringBuilder(jdbcUrl);
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        H2_DEFAULTS.forEach((name, value) -> {
            if (!upper.contains(";" + name + "=")) {
                url.append(';').append(name).append('=').append(value);
            }
        });
        if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";DB_CLOSE_DELAY=")) {
            url.append(";DB_CLOSE_DELAY=-1");
        }
        return url.toString();
    }

    private static Map<String, String> linked(String... namesAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }

    /** Flyway locations: the migrations both databases share, then this database's own. */
    String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + folder};
    }

    /** Sets a product's stock, inserting its row on first use; parameters: product id, quantity. */
    String upsertStockSql() {
        return upsertStockSql;
    }

    /**
     * The events after a position in relay order, as a condition an index on {@code (tx_id, id)} bounds; parameters:
     * the position's transaction id, then its event id. H2's {@code tx_id} is always 0 (see {@link JpaOrderEvents}).
     */
    String relayOrderAfter() {
        return relayOrderAfter;
    }

    /** The events at or before a position in relay order; parameters as {@link #relayOrderAfter}. */
    String relayOrderAtOrBefore() {
        return relayOrderAtOrBefore;
    }

    /** What a gap-free read adds to its condition: on PostgreSQL, only transactions older than every one still running. */
    String settledEventsOnly() {
        return settledEventsOnly;
    }
}
