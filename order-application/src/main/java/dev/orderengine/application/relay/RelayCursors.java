package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One cursor per consumer of the outbox. Every method joins the caller's current transaction. {@link #get} writes
 * nothing (a consumer without a stored cursor is {@link RelayCursor#atStart}); {@link #lock} and {@link #reset}
 * create a missing cursor at the start; the other writes expect a cursor read through one of them first.
 */
public interface RelayCursors {

    /** The consumer's cursor as stored, or {@link RelayCursor#atStart}. Safe in a read-only transaction. */
    RelayCursor get(String consumer);

    /** Reads the cursor and locks it until the current transaction ends (one runner per consumer, on any node). */
    RelayCursor lock(String consumer);

    /**
     * Moves the cursor from {@code expected} to {@code reached}, clears its failures and forgets the acknowledged events
     * at or before {@code reached}, but only if it is still at {@code expected} (compare-and-set), so a concurrent
     * runner cannot move it twice.
     *
     * @return whether the cursor moved
     */
    boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt);

    /** Notes events after the cursor that the receiver has already acknowledged (see {@link RelayCursor#acknowledgedAhead}). */
    void acknowledge(String consumer, Collection<RelayPosition> events);

    /** Records a failed attempt: the error, the failures in a row, and when to try again. */
    void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt);

    /**
     * Puts the cursor at {@code position}, clearing its failures and the acknowledged events, so that every event after
     * it is sent again (an operator's replay, which only ever moves a cursor back: see {@link RelayAdministration}).
     */
    void reset(String consumer, RelayPosition position);

    /** Every stored cursor, by consumer name. */
    List<RelayCursor> all();
}
