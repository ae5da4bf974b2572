package dev.orderengine.application.relay;

import java.time.Instant;

/**
 * The dead-letter list of refused events. Joins the caller's current transaction. A letter holds its own copy of the
 * event's body and does not depend on the outbox row, which retention may delete first.
 */
public interface DeadLetters {

    void add(DeadLetter letter);

    long count(String consumer);

    /** Deletes up to {@code limit} letters created before {@code cutoff}; returns how many it deleted. */
    int deleteCreatedBefore(Instant cutoff, int limit);
}
