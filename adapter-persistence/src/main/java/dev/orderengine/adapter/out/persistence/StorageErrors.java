package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.HibernateException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Turns what Hibernate and JDBC throw into what the ports promise: a lost race into the domain error of the
 * contract, an outage into {@link StorageUnavailableException}, a transient abort into
 * {@link TransientStorageException} (retried by the transactions), anything else into a plain
 * {@link RuntimeException}. No Hibernate or JDBC exception type leaves a port.
 */
final class StorageErrors {

    /** Constraints whose violation means a lost race with a known meaning to the caller. */
    private static final Map<String, ErrorCode> RACE_CONSTRAINTS = Map.of(
            "coupons_user_source_uk", ErrorCode.COUPON_ALREADY_ISSUED,
            "payments_one_success_uk", ErrorCode.ORDER_NOT_PAYABLE,
            "idempotency_keys_pk", ErrorCode.IDEMPOTENCY_KEY_IN_USE);

    /** Deadlock (PostgreSQL 40P01) and serialization failure (40001, also H2's deadlock). */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");
    /** A lock not granted in time: PostgreSQL 55P03, H2 HYT00. */
    private static final Set<String> LOCK_TIMEOUT_STATES = Set.of("55P03", "HYT00");
    /** The server went away or refuses connections: admin shutdown, crash shutdown, cannot connect now, too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String UNIQUE_VIOLATION = "23505";
    /** A statement cancelled, by the server's {@code statement_timeout} or a JDBC query timeout. */
    private static final String QUERY_CANCELED = "57014";

    private StorageErrors() {
    }

    /** What a port or a transaction throws for {@code failure}; domain errors and already translated failures pass as they are. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DomainException || failure instanceof StorageUnavailableException
                || failure instanceof TransientStorageException) {
            return failure;
        }
        boolean fromStorage = failure instanceof HibernateException || failure instanceof PersistenceException
                || findSqlException(failure).isPresent();
        return fromStorage ? classify(failure) : failure;
    }

    /** Same as {@link #translate} for a checked JDBC exception. */
    static RuntimeException translate(SQLException failure) {
        return classify(failure);
    }

    /** Whether {@code failure} means the lock it asked for was held by another transaction. */
    static boolean isLockNotAvailable(Throwable failure) {
        return findSqlException(failure).map(SQLException::getSQLState).filter(LOCK_TIMEOUT_STATES::contains).isPresent();
    }

    private static RuntimeException classify(Throwable failure) {
        Optional<SQLException> sql = findSqlException(failure);
        String state = sql.map(SQLException::getSQLState).orElse("");
        String message = sql.map(StorageErrors::fullMessage).orElse("").toLowerCase(Locale.ROOT);
        if (isUnavailable(failure, state)) {
            return new StorageUnavailableException("the database is unavailable: " + firstLine(failure), failure);
        }
        if (TRANSIENT_STATES.contains(state)) {
            return new TransientStorageException("the database aborted the transaction (SQLState " + state + ")", failure);
        }
        if (LOCK_TIMEOUT_STATES.contains(state)) {
            return new StorageUnavailableException("the database timed out waiting for a lock; retry", failure);
        }
        if (QUERY_CANCELED.equals(state)) {
            return new StorageUnavailableException("the database did not finish a statement in time; retry", failure);
        }
        if (state.startsWith("23")) {
            for (Map.Entry<String, ErrorCode> race : RACE_CONSTRAINTS.entrySet()) {
                if (state.equals(UNIQUE_VIOLATION) && message.contains(race.getKey())) {
                    return new RejectedException(race.getValue(), raceDetail(race.getValue()));
                }
            }
        }
        if ("25006".equals(state)) {
            return new IllegalStateException("a read-only transaction tried to write", failure);
        }
        return new RuntimeException("storage failure: " + firstLine(failure), failure);
    }

    private static String raceDetail(ErrorCode code) {
        return switch (code) {
            case COUPON_ALREADY_ISSUED -> "the user already has a coupon of this source";
            case ORDER_NOT_PAYABLE -> "the order already has a successful payment";
            default -> "another request holds this Idempotency-Key";
        };
    }

    private static boolean isUnavailable(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
    }

    private static Optional<SQLException> findSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql.getNextException() != null && sql.getSQLState() == null ? sql.getNextException() : sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String fullMessage(SQLException sql) {
        StringBuilder text = new StringBuilder(String.valueOf(sql.getMessage()));
        for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
            text.append(' ').append(next.getMessage());
        }
        return text.toString();
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
