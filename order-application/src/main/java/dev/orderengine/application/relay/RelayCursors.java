package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.List;

/**
 * One cursor per consumer of the outbox. Every method joins the caller's current transaction. {@link #get},
 * {@link #lock} and {@link #reset} create a cursor that does not exist yet at {@link RelayPosition#START};
 * the other writes expect a cursor read through one of them first.
 */
public interface RelayCursors {

    RelayCursor get(String consumer);

    /** Reads the cursor and locks it until the current transaction ends (one runner per consumer, on any node). */
    RelayCursor lock(String consumer);

    /**
     * Moves the cursor from {@code expected} to {@code reached} and clears its failures, but only if it is
     * still at {@code expected} (compare-and-set), so a concurrent runner cannot move it twice.
     *
     * @return whether the cursor moved
     */
    boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt);

    /** Records a failed attempt: the error, the failures in a row, and when to try again. */
    void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt);

    /** Puts the cursor back (or forward) to {@code position}, clearing failures: an operator's replay. */
    void reset(String consumer, RelayPosition position);

    /** Every cursor, by consumer name. */
    List<RelayCursor> all();
}
