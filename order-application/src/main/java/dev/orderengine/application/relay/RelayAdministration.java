package dev.orderengine.application.relay;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.NotFoundException;
import java.util.List;

/** What operators do with the consumers of the outbox: watch them, and replay the data-platform relay. */
public final class RelayAdministration {

    private static final List<String> CONSUMERS = List.of(RelayOrderEvents.CONSUMER, RecordSalesStatistics.CONSUMER);

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

    /** Every consumer's cursor, lag and dead letters. */
    public List<RelayStatus> status() {
        return transactions.inTransaction(() -> CONSUMERS.stream().map(consumer -> {
            RelayCursor cursor = cursors.get(consumer);
            return new RelayStatus(consumer, cursor.position().eventId(), feed.countAfter(cursor.position()),
                    cursor.lastDeliveredAt(), cursor.lastError(), deadLetters.count(consumer));
        }).toList());
    }

    /**
     * Sends again every event with an id of {@code fromEventId} or more to the data platform (and any that sorts
     * after the first of them in relay order). The statistics
     * consumer cannot be replayed: it counts exactly once, and counting again would double its totals.
     */
    public void replay(String consumer, long fromEventId) {
        if (!CONSUMERS.contains(consumer)) {
            throw new NotFoundException(ErrorCode.NOT_FOUND, "no consumer named " + consumer);
        }
        if (!consumer.equals(RelayOrderEvents.CONSUMER)) {
            throw new InvalidInputException("consumer", consumer + " counts each event exactly once and cannot be replayed");
        }
        InvalidInputException.require(fromEventId > 0, "fromEventId", "must be a positive integer");
        transactions.inTransaction(() -> {
            RelayPosition position = feed.positionBefore(fromEventId)
                    .orElseThrow(() -> new InvalidInputException("fromEventId", "no event " + fromEventId + " exists"));
            cursors.reset(consumer, position);
            return null;
        });
    }
}
