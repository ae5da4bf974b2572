package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.RejectedException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency records in {@code idempotency_keys}, one row per (user, key), held by the transaction that claimed it
 * through its row lock. A claim never waits for another transaction: it inserts the key with a zero lock wait
 * (a row another transaction inserted and has not committed yet would otherwise make it wait), then reads the
 * row with {@code FOR UPDATE NOWAIT}. Either refusal means another transaction holds the key:
 * {@code IDEMPOTENCY_KEY_IN_USE}. On PostgreSQL that refusal also aborts the current transaction, which the
 * caller rolls back anyway when the exception leaves its work.
 */
final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private static final String INSERT = "INSERT INTO idempotency_keys (user_id, idempotency_key, fingerprint, completed, created_at) "
            + "VALUES (?, ?, ?, FALSE, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
    /** PostgreSQL: the insert under a 1 ms lock timeout, restored after, all in one round trip. */
    private static final String POSTGRESQL_INSERT = "SET LOCAL lock_timeout = '1ms'; " + INSERT + "; SET LOCAL lock_timeout = DEFAULT";
    private static final String READ = "SELECT fingerprint, order_id, completed, result_order_id, result_refund_id, result_balance, result_error "
            + "FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?";
    private static final String LOCK = READ + " FOR UPDATE NOWAIT";
    private static final String ATTACH = "UPDATE idempotency_keys SET order_id = ? WHERE user_id = ? AND idempotency_key = ?";
    private static final String COMPLETE = "UPDATE idempotency_keys SET completed = TRUE, order_id = COALESCE(?, order_id), "
            + "result_order_id = ?, result_refund_id = ?, result_balance = ?, result_error = ? WHERE user_id = ? AND idempotency_key = ?";

    /** Oldest first, along {@code idempotency_keys_created_idx}; the row value picks rows by the primary key. */
    private static final String DELETE_CREATED_BEFORE = "DELETE FROM idempotency_keys WHERE (user_id, idempotency_key) IN "
            + "(SELECT user_id, idempotency_key FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)";

    private final SessionScope scope;
    private final Vendor vendor;

    JdbcIdempotencyKeys(SessionScope scope, Vendor vendor) {
        this.scope = scope;
        this.vendor = vendor;
    }

    @Override
    public IdempotencyClaim claim(IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return scope.jdbc(connection -> {
            try {
                if (insertIfAbsent(connection, key, fingerprint)) {
                    return new IdempotencyClaim.Fresh();
                }
                return claimExisting(connection, key, fingerprint);
            } catch (SQLException failure) {
                if (StorageErrors.isLockNotAvailable(failure)) {
                    throw inUse();
                }
                throw failure;
            }
        });
    }

    @Override
    public void attachOrder(IdempotencyKey key, long orderId) {
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ATTACH)) {
                statement.setLong(1, orderId);
                bindKey(statement, 2, key);
                requireClaimed(statement.executeUpdate(), key);
            }
            return null;
        });
    }

    @Override
    public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(COMPLETE)) {
                setNullableLong(statement, 1, outcome.orderId());
                setNullableLong(statement, 2, outcome.orderId());
                setNullableLong(statement, 3, outcome.refundId());
                statement.setBigDecimal(4, outcome.balance().map(Money::amount).orElse(null));
                statement.setString(5, outcome.error().map(ErrorCode::name).orElse(null));
                bindKey(statement, 6, key);
                requireClaimed(statement.executeUpdate(), key);
            }
            return null;
        });
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        return scope.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(DELETE_CREATED_BEFORE)) {
                Jdbc.setInstant(statement, 1, cutoff);
                statement.setInt(2, limit);
                return statement.executeUpdate();
            }
        });
    }

    /** Whether this call inserted the key, which then belongs to the current transaction. */
    private boolean insertIfAbsent(Connection connection, IdempotencyKey key, String fingerprint) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            try (PreparedStatement statement = connection.prepareStatement(POSTGRESQL_INSERT)) {
                bindKey(statement, 1, key);
                statement.setString(3, fingerprint);
                statement.execute();
                statement.getMoreResults();
                return statement.getUpdateCount() == 1;
            }
        }
        int lockTimeout = h2LockTimeout(connection);
        setH2LockTimeout(connection, 0);
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            bindKey(statement, 1, key);
            statement.setString(3, fingerprint);
            return statement.executeUpdate() == 1;
        } finally {
            setH2LockTimeout(connection, lockTimeout);
        }
    }

    /**
     * A completed key never changes again, so it is answered from a plain read: repeats of a finished request running
     * at the same time all get its outcome (or {@code REUSED}), none {@code IN_USE}. Only an unfinished key is locked.
     */
    private static IdempotencyClaim claimExisting(Connection connection, IdempotencyKey key, String fingerprint) throws SQLException {
        Optional<IdempotencyClaim> seen = read(connection, key, fingerprint, READ);
        if (seen.isPresent() && seen.get() instanceof IdempotencyClaim.Completed completed) {
            return completed;
        }
        // Absent after the insert found it: deleted in between (purged), the client's retry will find it absent.
        return read(connection, key, fingerprint, LOCK).orElseThrow(JdbcIdempotencyKeys::inUse);
    }

    /** The claim the row stands for, read with {@code sql}; empty when there is no row. */
    private static Optional<IdempotencyClaim> read(Connection connection, IdempotencyKey key, String fingerprint, String sql)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindKey(statement, 1, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                if (!row.getString("fingerprint").equals(fingerprint)) {
                    throw new RejectedException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key was already used with another request");
                }
                if (row.getBoolean("completed")) {
                    return Optional.of(new IdempotencyClaim.Completed(outcome(row)));
                }
                long orderId = row.getLong("order_id");
                return Optional.of(row.wasNull() ? new IdempotencyClaim.Fresh() : new IdempotencyClaim.Resumable(orderId));
            }
        }
    }

    private static IdempotentOutcome outcome(ResultSet row) throws SQLException {
        long orderId = row.getLong("result_order_id");
        Optional<Long> order = row.wasNull() ? Optional.empty() : Optional.of(orderId);
        long refundId = row.getLong("result_refund_id");
        Optional<Long> refund = row.wasNull() ? Optional.empty() : Optional.of(refundId);
        BigDecimal balance = row.getBigDecimal("result_balance");
        String error = row.getString("result_error");
        return new IdempotentOutcome(order, refund, Optional.ofNullable(balance).map(Money::new),
                Optional.ofNullable(error).map(ErrorCode::valueOf));
    }

    private static int h2LockTimeout(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void setH2LockTimeout(Connection connection, int millis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT " + millis);
        }
    }

    private static void bindKey(PreparedStatement statement, int index, IdempotencyKey key) throws SQLException {
        statement.setLong(index, key.userId().value());
        statement.setString(index + 1, key.value());
    }

    private static void setNullableLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void requireClaimed(int updated, IdempotencyKey key) {
        if (updated != 1) {
            throw new IllegalStateException("Idempotency-Key of user " + key.userId() + " was not claimed first");
        }
    }

    private static RejectedException inUse() {
        return new RejectedException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, "a request with this Idempotency-Key is still running");
    }
}
