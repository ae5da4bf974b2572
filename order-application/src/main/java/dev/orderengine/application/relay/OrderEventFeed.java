package dev.orderengine.application.relay;

import dev.orderengine.domain.order.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the outbox in relay order. Joins the caller's current transaction.
 *
 * <p>Gap-safety contract: {@link #readAfter} only returns an event once no event that sorts before it
 * can still appear. Event ids come from a sequence and are not commit order, so an implementation must
 * not simply read {@code id > cursor}: on PostgreSQL it orders by the writing transaction's id and reads
 * only below the oldest transaction still running ({@code pg_snapshot_xmin(pg_current_snapshot())}); on a
 * database without that, it serialises the writers of events so that relay order is commit order.
 *
 * <p>Cost contract: every method reads an index range that starts at the given position (or one row by id), so none
 * gets slower as the outbox's history grows; {@link #countAfter} grows with the lag it counts, not with history.
 */
public interface OrderEventFeed {

    /** Up to {@code limit} events after {@code position}, in relay order. */
    List<PublishedEvent> readAfter(RelayPosition position, int limit);

    /** How many stored events sort after {@code position}, visible or not yet: the lag of a cursor there. */
    long countAfter(RelayPosition position);

    /** When the first stored event after {@code position} happened; empty when there is none: how old a lag is. */
    Optional<Instant> firstOccurredAfter(RelayPosition position);

    /** Where event {@code eventId} sits in relay order; empty when no such event is kept. */
    Optional<RelayPosition> positionOf(long eventId);

    /** The lowest id of the events kept; empty when the outbox is empty. */
    OptionalLong oldestEventId();

    /** The domain event a stored body describes (for consumers that need its content, like the sales statistics). */
    OrderEvent decode(PublishedEvent event);

    /**
     * Deletes up to {@code limit} events at or before {@code passedByAll} in relay order that happened before
     * {@code cutoff}, oldest first; returns how many it deleted.
     */
    int deleteUpTo(RelayPosition passedByAll, Instant cutoff, int limit);
}
