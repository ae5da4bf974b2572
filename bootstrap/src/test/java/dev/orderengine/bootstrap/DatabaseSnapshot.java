package dev.orderengine.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every row of every application table, read in primary-key order: two snapshots are equal exactly when no
 * row was added, removed or changed in between. Quartz's tables and Flyway's history are left out, since the
 * scheduler writes to them on its own. Works on H2 and PostgreSQL through JDBC metadata only.
 */
record DatabaseSnapshot(Map<String, List<String>> rowsByTable) {

    static DatabaseSnapshot of(Connection connection) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : applicationTables(connection)) {
            rows.put(table, rows(connection, table, primaryKey(connection, table)));
        }
        return new DatabaseSnapshot(rows);
    }

    long rowCount() {
        return rowsByTable.values().stream().mapToLong(List::size).sum();
    }

    /** {@code table=rows:hash} per table, the hash a SHA-256 of its rows: short enough for a log line. */
    String summary() {
        return rowsByTable.entrySet().stream()
                .map(table -> table.getKey() + "=" + table.getValue().size() + ":" + sha256(table.getValue()).substring(0, 12))
                .collect(Collectors.joining(", "));
    }

    /** The names of the tables whose rows differ from {@code other}'s. */
    Set<String> tablesChangedSince(DatabaseSnapshot other) {
        TreeSet<String> tables = new TreeSet<>(rowsByTable.keySet());
        tables.addAll(other.rowsByTable.keySet());
        tables.removeIf(table -> rowsByTable.getOrDefault(table, List.of()).equals(other.rowsByTable.getOrDefault(table, List.of())));
        return tables;
    }

    /** The tables whose rows differ from {@code other}'s, with both versions of each. */
    String differencesFrom(DatabaseSnapshot other) {
        TreeSet<String> tables = new TreeSet<>(rowsByTable.keySet());
        tables.addAll(other.rowsByTable.keySet());
        return tables.stream()
                .filter(table -> !rowsByTable.getOrDefault(table, List.of()).equals(other.rowsByTable.getOrDefault(table, List.of())))
                .map(table -> table + ":\n  before " + other.rowsByTable.get(table) + "\n  after  " + rowsByTable.get(table))
                .collect(Collectors.joining("\n"));
    }

    private static List<String> applicationTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet result = metaData.getTables(null, connection.getSchema(), "%", null)) {
            while (result.next()) {
                String type = result.getString("TABLE_TYPE");
                String name = result.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (("TABLE".equals(type) || "BASE TABLE".equals(type))
                        && !lower.startsWith("qrtz_") && !lower.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("no application table in schema " + connection.getSchema());
        }
        return tables;
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        Map<Short, String> columns = new TreeMap<>();
        try (ResultSet result = connection.getMetaData().getPrimaryKeys(null, connection.getSchema(), table)) {
            while (result.next()) {
                columns.put(result.getShort("KEY_SEQ"), result.getString("COLUMN_NAME"));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("table " + table + " has no primary key to order its rows by");
        }
        return List.copyOf(columns.values());
    }

    private static List<String> rows(Connection connection, String table, List<String> primaryKey) throws SQLException {
        String orderBy = primaryKey.stream().map(column -> "\"" + column + "\"").collect(Collectors.joining(", "));
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY " + orderBy)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder("(");
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(result.getString(i));
                }
                rows.add(row.append(')').toString());
            }
        }
        return rows;
    }

    private static String sha256(List<String> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> digest.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
