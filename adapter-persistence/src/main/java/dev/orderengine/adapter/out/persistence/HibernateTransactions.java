package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.shared.DomainException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * {@link Transactions} over Hibernate: one session and one database transaction per call, bound to the calling
 * thread for the ports to join. Commits when the work returns (flushing pending writes in JDBC batches), rolls
 * back when it throws and rethrows the work's exception unchanged. A deadlock or serialization failure reruns the
 * work from the start, up to {@value #MAX_ATTEMPTS} attempts in all. Read-only transactions run at REPEATABLE READ
 * so that the work sees one consistent state. Each call is a span ({@code transaction} or {@code read-only
 * transaction}, child of the caller's current one) with a child span {@code connection} for the wait for a pooled
 * connection of each attempt; the work runs with the call's span current.
 */
final class HibernateTransactions implements Transactions {

    static final int MAX_ATTEMPTS = 3;

    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("db.transaction.attempts");
    private static final AttributeKey<String> REFUSED_WITH = AttributeKey.stringKey("order.refused");

    private final SessionFactory sessionFactory;
    private final SessionScope scope;
    private final Vendor vendor;
    private final LongAdder retries = new LongAdder();
    private final Tracer tracer;

    HibernateTransactions(SessionFactory sessionFactory, SessionScope scope, Vendor vendor, Tracer tracer) {
        this.sessionFactory = sessionFactory;
        this.scope = scope;
        this.vendor = vendor;
        this.tracer = tracer;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return withRetries(work, false);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return withRetries(work, true);
    }

    private <T> T withRetries(Supplier<T> work, boolean readOnly) {
        Objects.requireNonNull(work, "work");
        if (scope.isActive()) {
            throw new IllegalStateException("transactions do not nest: this thread is already inside one");
        }
        Span span = tracer.spanBuilder(readOnly ? "read-only transaction" : "transaction")
                .setAttribute(DB_SYSTEM, vendor == Vendor.POSTGRESQL ? "postgresql" : "h2").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    T result = once(work, readOnly);
                    span.setAttribute(ATTEMPTS, attempt);
                    return result;
                } catch (TransientStorageException aborted) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw aborted;
                    }
                    retries.increment();
                    span.addEvent("retried after " + aborted.getMessage());
                    pauseBeforeAttempt(attempt + 1);
                }
            }
        } catch (DomainException refused) {
            // a business rule said no (and the transaction rolled back): an answer, not a failure of the storage
            span.setAttribute(REFUSED_WITH, refused.code().name());
            throw refused;
        } catch (RuntimeException | Error failure) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            throw failure;
        } finally {
            span.end();
        }
    }

    /** How many times work was run again after a transient abort, since start. */
    long retries() {
        return retries.sum();
    }

    private <T> T once(Supplier<T> work, boolean readOnly) {
        Session session = openSession();
        scope.bind(session);
        Transaction transaction = null;
        try {
            Span waiting = tracer.spanBuilder("connection").startSpan();
            try {
                transaction = session.beginTransaction();
            } finally {
                waiting.end();
            }
            if (readOnly) {
                makeReadOnly(session);
            }
            T result = work.get();
            transaction.commit();
            return result;
        } catch (RuntimeException failure) {
            rollback(transaction, failure);
            throw StorageErrors.translate(failure);
        } catch (Error failure) {
            rollback(transaction, failure);
            throw failure;
        } finally {
            scope.unbind();
            session.close();
        }
    }

    private Session openSession() {
        try {
            return sessionFactory.openSession();
        } catch (RuntimeException failure) {
            throw StorageErrors.translate(failure);
        }
    }

    private void makeReadOnly(Session session) {
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        session.doWork(connection -> {
            if (vendor == Vendor.POSTGRESQL) {
                // Must be the transaction's first statement; pgjdbc sends it in one round trip with BEGIN.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
            } else {
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
        });
    }

    private static void rollback(Transaction transaction, Throwable cause) {
        if (transaction == null || !transaction.getStatus().canRollback()) {
            return;
        }
        try {
            transaction.rollback();
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
