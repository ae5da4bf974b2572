package dev.orderengine.application.relay;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.NotFoundException;
import java.util.List;

/** What operators do with the consumers of the outbox: watch them, and replay the data-platform relay. */
public final class RelayAdministration {

    /** Every consumer of the outbox, by cursor name. */
    public static final List<String> CONSUMERS = List.of(RelayOrderEvents.CONSUMER, RecordSalesStatistics.CONSUMER);

    private final Transactions transactions;
    private final OrderEventFeed feed;
    private final RelayCursors cursors;
    private final DeadLetters deadLetters;

    public RelayAdministration(Transactions transactions, OrderEventFeed feed, RelayCursors cursors, DeadLetters deadLetters) {
        this.transactions = transactions;
        this.feed = feed;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
    }

    /** Every consumer's cursor, lag and dead letters, read in one read-only transaction. */
    public List<RelayStatus> status() {
        return transactions.readOnly(() -> CONSUMERS.stream().map(consumer -> {
            RelayCursor cursor = cursors.get(consumer);
            return new RelayStatus(consumer, cursor.position().eventId(), feed.countAfter(cursor.position()),
                    feed.firstOccurredAfter(cursor.position()), cursor.lastDeliveredAt(), cursor.lastError(),
                    deadLetters.count(consumer));
        }).toList());
    }

    /**
     * Moves the data-platform relay's cursor back to just before event {@code fromEventId} in relay order, so that it
     * and every later event, dead-lettered ones included, are sent again; a cursor already at or before that place is
     * left alone, so a replay never skips an event. The statistics consumer cannot be replayed: it counts exactly
     * once, and counting again would double its totals.
     *
     * @return whether the cursor moved
     */
    public boolean replay(String consumer, long fromEventId) {
        if (!CONSUMERS.contains(consumer)) {
            throw new NotFoundException(ErrorCode.NOT_FOUND, "no consumer named " + consumer);
        }
        if (!consumer.equals(RelayOrderEvents.CONSUMER)) {
            throw new InvalidInputException("consumer", consumer + " counts each event exactly once and cannot be replayed");
        }
        InvalidInputException.require(fromEventId > 0, "fromEventId", "must be a positive integer");
        return transactions.inTransaction(() -> {
            RelayPosition before = feed.positionOf(fromEventId).orElseThrow(() -> notKept(fromEventId)).justBefore();
            if (!before.isBefore(cursors.lock(consumer).position())) {
                return false;
            }
            cursors.reset(consumer, before);
            return true;
        });
    }

    private InvalidInputException notKept(long eventId) {
        String oldest = feed.oldestEventId().stream().mapToObj(id -> "the oldest kept event is " + id).findFirst()
                .orElse("no event is kept");
        return new InvalidInputException("fromEventId", "event " + eventId + " is not kept (unknown, or deleted by retention); " + oldest);
    }
}
