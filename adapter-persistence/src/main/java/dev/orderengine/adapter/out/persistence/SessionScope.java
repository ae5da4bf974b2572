package dev.orderengine.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The Hibernate session of the transaction running on the current thread, bound by {@link HibernateTransactions},
 * so that every port implementation joins it. Port code runs through {@link #call} or {@link #jdbc}, which turn
 * storage exceptions into the ports' own (see {@link StorageErrors}).
 */
final class SessionScope {

    /** JDBC work on the transaction's connection. */
    @FunctionalInterface
    interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final ThreadLocal<Session> current = new ThreadLocal<>();

    boolean isActive() {
        return current.get() != null;
    }

    void bind(Session session) {
        current.set(session);
    }

    void unbind() {
        current.remove();
    }

    <T> T call(Function<Session, T> work) {
        Session session = current.get();
        if (session == null) {
            throw new IllegalStateException("no transaction on this thread: call storage ports inside Transactions.inTransaction or readOnly");
        }
        try {
            return work.apply(session);
        } catch (RuntimeException failure) {
            throw StorageErrors.translate(failure);
        }
    }

    void run(Consumer<Session> work) {
        call(session -> {
            work.accept(session);
            return null;
        });
    }

    /** Runs {@code work} on the connection of the current transaction; the session's pending changes are not flushed first. */
    <T> T jdbc(JdbcWork<T> work) {
        return call(session -> session.doReturningWork(work::apply));
    }

    /** Like {@link #jdbc}, after flushing the session's pending changes: they reach the database before {@code work}'s statements. */
    <T> T jdbcAfterFlush(JdbcWork<T> work) {
        return call(session -> {
            session.flush();
            return session.doReturningWork(work::apply);
        });
    }
}
