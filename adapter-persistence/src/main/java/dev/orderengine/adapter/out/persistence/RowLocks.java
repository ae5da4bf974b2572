package dev.orderengine.adapter.out.persistence;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/** Row locks for the ports' {@code lock...} methods. */
final class RowLocks {

    private RowLocks() {
    }

    /**
     * Reads the row of {@code type} with {@code id} with a write lock ({@code SELECT ... FOR UPDATE}) held until the
     * transaction ends.
     */
    static <E> Optional<E> lockForUpdate(Session session, Class<E> type, Object id) {
        return lockForUpdate(session, type, id, () -> Entities.find(session, type, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Runs {@code lockingRead} unless the session already holds the entity: then a plain lock would keep the state
     * read before it, possibly stale, so the entity is refreshed under the lock instead.
     */
    static <E> Optional<E> lockForUpdate(Session session, Class<E> type, Object id, Supplier<Optional<E>> lockingRead) {
        Optional<E> known = managed(session, type, id);
        if (known.isEmpty()) {
            return lockingRead.get();
        }
        if (session.isDirty()) {
            session.flush();
        }
        session.refresh(known.get(), LockModeType.PESSIMISTIC_WRITE);
        return known;
    }

    private static <E> Optional<E> managed(Session session, Class<E> type, Object id) {
        SharedSessionContractImplementor internals = session.unwrap(SharedSessionContractImplementor.class);
        EntityPersister persister = internals.getFactory().getMappingMetamodel().getEntityDescriptor(type);
        return Optional.ofNullable(type.cast(internals.getPersistenceContextInternal().getEntity(internals.generateEntityKey(id, persister))));
    }
}
