package dev.orderengine.adapter.out.persistence;

import dev.orderengine.application.port.StorageUnavailableException;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.Transaction;

/** Reads of entities by id that never mistake a failed read for a missing row. */
final class Entities {

    private Entities() {
    }

    /** The entity of {@code type} with {@code id}, empty when there is no such row. */
    static <E> Optional<E> find(Session session, Class<E> type, Object id) {
        return found(session, session.find(type, id));
    }

    /** The same, read with {@code lock}. */
    static <E> Optional<E> find(Session session, Class<E> type, Object id, LockModeType lock) {
        return found(session, session.find(type, id, lock));
    }

    /** The entities of {@code type} with any of {@code ids} (one statement), leaving out ids without a row. */
    static <E> List<E> findMultiple(Session session, Class<E> type, List<?> ids) {
        List<E> found = new ArrayList<>(ids.size());
        for (E entity : session.findMultiple(type, ids)) {
            found(session, entity).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Hibernate's {@code find} (and {@code findMultiple}) returns null instead of throwing when a connection failure,
     * or a JDBC error it cannot classify (such as PostgreSQL's 57P01 admin shutdown), has marked the transaction
     * rollback-only (HHH-12472). That null means the database went away, not that the row is missing: answering "not
     * found" (or a 500 for a row that must exist) would be wrong. The failure itself is already logged by Hibernate.
     */
    private static <E> Optional<E> found(Session session, E entity) {
        Transaction transaction = session.getTransaction();
        if (entity == null && transaction.isActive() && transaction.getRollbackOnly()) {
            throw new StorageUnavailableException("the database failed while reading a row; the transaction was rolled back", null);
        }
        return Optional.ofNullable(entity);
    }
}
