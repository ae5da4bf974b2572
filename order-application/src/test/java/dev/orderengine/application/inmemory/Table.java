package dev.orderengine.application.inmemory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows of one kind, keyed by {@code K}, readable only inside a transaction of the {@link TransactionScope}
 * and written with an undo entry so a rollback restores them. Values must be immutable or private copies.
 */
final class Table<K, V> {

    private final TransactionScope scope;
    private final Map<K, V> rows;

    /** {@code emptyRows} decides the iteration order of {@link #rows()} (a {@code TreeMap} for id order). */
    Table(TransactionScope scope, Map<K, V> emptyRows) {
        this.scope = scope;
        this.rows = emptyRows;
    }

    Optional<V> find(K key) {
        scope.checkOpen();
        return Optional.ofNullable(rows.get(key));
    }

    boolean contains(K key) {
        scope.checkOpen();
        return rows.containsKey(key);
    }

    /** Every row, in the order of the map given at construction. */
    List<V> rows() {
        scope.checkOpen();
        return List.copyOf(rows.values());
    }

    /** A copy of every row with its key, in the order of the map given at construction. */
    Map<K, V> copy() {
        scope.checkOpen();
        return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        V previous = rows.get(key);
        scope.beforeWrite(previous == null ? () -> rows.remove(key) : () -> rows.put(key, previous));
        rows.put(key, value);
    }

    /** Deletes the row of {@code key}, if any. */
    void remove(K key) {
        V previous = rows.get(key);
        if (previous == null) {
            scope.checkOpen();
            return;
        }
        scope.beforeWrite(() -> rows.put(key, previous));
        rows.remove(key);
    }

    /** Inserts a new row; a second row with the same key is a primary-key violation. */
    void insert(K key, V value, String what) {
        if (contains(key)) {
            throw new IllegalStateException(what + " " + key + " is already stored");
        }
        put(key, value);
    }

    /** The stored row of {@code key}; its absence means the caller saves what it never loaded. */
    V existing(K key, String what) {
        return find(key).orElseThrow(() -> new IllegalStateException(what + " " + key + " is not stored"));
    }
}
