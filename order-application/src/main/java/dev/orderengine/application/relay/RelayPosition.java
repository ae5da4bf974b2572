package dev.orderengine.application.relay;

/**
 * A place in the outbox's relay order: events are relayed ordered by the id of the transaction that wrote
 * them, then by event id. A cursor at a position has processed every event at or before it.
 */
public record RelayPosition(long txId, long eventId) implements Comparable<RelayPosition> {

    /** Before every event. */
    public static final RelayPosition START = new RelayPosition(0, 0);

    public RelayPosition {
        if (txId < 0 || eventId < 0) {
            throw new IllegalArgumentException("positions are not negative: " + txId + "/" + eventId);
        }
    }

    /** The position just before the event at this position: a read from there starts with that event. */
    public RelayPosition justBefore() {
        if (eventId == 0) {
            throw new IllegalStateException("no event sits at " + this);
        }
        return new RelayPosition(txId, eventId - 1);
    }

    @Override
    public int compareTo(RelayPosition other) {
        int byTx = Long.compare(txId, other.txId);
        return byTx != 0 ? byTx : Long.compare(eventId, other.eventId);
    }

    public boolean isBefore(RelayPosition other) {
        return compareTo(other) < 0;
    }
}
