package dev.orderengine.application.relay;

import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * Keeps the outbox, the dead letters and the idempotency records bounded (SPEC §3): deletes events older than their
 * retention that every consumer has passed, dead letters and idempotency records older than theirs. Business records
 * (orders, payments, balance history, daily sales) are never touched. Each delete is one short transaction of at most
 * {@link RetentionSettings#batchSize()} rows; an event delete holds every consumer's cursor lock, so a replay that
 * moves a cursor back meanwhile waits and then finds the event either kept or gone (400), never half deleted.
 */
public final class Retention {

    private final Transactions transactions;
    private final OrderEventFeed feed;
    private final RelayCursors cursors;
    private final DeadLetters deadLetters;
    private final IdempotencyKeys idempotencyKeys;
    private final RetentionSettings settings;
    private final Clock clock;

    public Retention(Transactions transactions, OrderEventFeed feed, RelayCursors cursors, DeadLetters deadLetters,
                     IdempotencyKeys idempotencyKeys, RetentionSettings settings, Clock clock) {
        this.transactions = transactions;
        this.feed = feed;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.idempotencyKeys = idempotencyKeys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes everything due now, batch after batch; returns how much of each it deleted. */
    public RetentionReport retainOnce() {
        Instant now = clock.instant();
        Instant eventsCutoff = now.minus(settings.events());
        long events = inBatches(() -> {
            RelayPosition passedByAll = RelayAdministration.CONSUMERS.stream().sorted()
                    .map(consumer -> cursors.lock(consumer).position())
                    .min(Comparator.naturalOrder()).orElseThrow();
            return feed.deleteUpTo(passedByAll, eventsCutoff, settings.batchSize());
        });
        Instant lettersCutoff = now.minus(settings.deadLetters());
        long letters = inBatches(() -> deadLetters.deleteCreatedBefore(lettersCutoff, settings.batchSize()));
        Instant keysCutoff = now.minus(settings.idempotencyKeys());
        long keys = inBatches(() -> idempotencyKeys.deleteCreatedBefore(keysCutoff, settings.batchSize()));
        return new RetentionReport(events, letters, keys);
    }

    private long inBatches(Supplier<Integer> deleteBatch) {
        long total = 0;
        int deleted;
        do {
            deleted = transactions.inTransaction(deleteBatch);
            total += deleted;
        } while (deleted == settings.batchSize());
        return total;
    }
}
