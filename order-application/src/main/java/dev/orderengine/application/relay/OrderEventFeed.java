package dev.orderengine.application.relay;

import java.util.List;
import java.util.Optional;

/**
 * Reads the outbox in relay order. Joins the caller's current transaction.
 *
 * <p>Gap-safety contract: {@link #readAfter} only returns an event once no event that sorts before it
 * can still appear. Event ids come from a sequence and are not commit order, so an implementation must
 * not simply read {@code id > cursor}: on PostgreSQL it orders by the writing transaction's id and reads
 * only below the oldest transaction still running ({@code pg_snapshot_xmin(pg_current_snapshot())}); on a
 * database without that, it serialises the writers of events so that relay order is commit order.
 */
public interface OrderEventFeed {

    /** Up to {@code limit} events after {@code position}, in relay order. */
    List<PublishedEvent> readAfter(RelayPosition position, int limit);

    /** How many stored events sort after {@code position}, visible or not yet: the lag of a cursor there. */
    long countAfter(RelayPosition position);

    /**
     * A position from which a read returns event {@code eventId} and every event with a higher id (relay order may
     * put some of those first): just before the first of them in relay order. Empty when there is no such event.
     */
    Optional<RelayPosition> positionBefore(long eventId);
}
