package dev.orderengine.application.relay;

import dev.orderengine.application.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Relays completed-order events to the data platform for one consumer cursor, at least once and in relay
 * order. A run drains batch after batch until caught up. The cursor only ever moves past a contiguous
 * prefix of events that were delivered or dead-lettered; the first event that must be retried stops the
 * run, and the next attempt waits an exponential backoff. No database transaction is held while sending.
 */
public final class RelayOrderEvents {

    /** The cursor name of the data-platform relay. */
    public static final String CONSUMER = "dataplatform";

    private final Transactions transactions;
    private final OrderEventFeed feed;
    private final RelayCursors cursors;
    private final DeadLetters deadLetters;
    private final DataPlatform dataPlatform;
    private final RelaySettings settings;
    private final Clock clock;

    public RelayOrderEvents(Transactions transactions, OrderEventFeed feed, RelayCursors cursors, DeadLetters deadLetters,
                            DataPlatform dataPlatform, RelaySettings settings, Clock clock) {
        this.transactions = transactions;
        this.feed = feed;
        this.cursors = cursors;
        this.deadLetters = deadLetters;
        this.dataPlatform = dataPlatform;
        this.settings = settings;
        this.clock = clock;
    }

    /** One run: relays until caught up, or until a send must be retried later. Never throws for a failed send. */
    public RelayReport relayOnce() {
        RelayCursor cursor = transactions.inTransaction(() -> cursors.get(CONSUMER));
        if (cursor.backingOffAt(clock.instant())) {
            return RelayReport.backingOff();
        }
        RelayPosition position = cursor.position();
        int failuresInARow = cursor.consecutiveFailures();
        int delivered = 0;
        int deadLettered = 0;
        while (true) {
            RelayPosition from = position;
            List<PublishedEvent> batch = transactions.readOnly(() -> feed.readAfter(from, settings.batchSize()));
            if (batch.isEmpty()) {
                return new RelayReport(delivered, deadLettered, Optional.empty());
            }
            List<Delivery> results = dataPlatform.deliver(batch);
            if (results.size() != batch.size()) {
                throw new IllegalStateException("data platform answered " + results.size() + " deliveries for " + batch.size() + " events");
            }
            Instant now = clock.instant();
            RelayPosition reached = from;
            List<DeadLetter> poison = new ArrayList<>();
            String stoppedBy = null;
            for (int i = 0; i < batch.size() && stoppedBy == null; i++) {
                PublishedEvent event = batch.get(i);
                switch (results.get(i)) {
                    case Delivery.Delivered ignored -> {
                        reached = event.position();
                        delivered++;
                    }
                    case Delivery.Poison refused -> {
                        poison.add(new DeadLetter(CONSUMER, event.eventId(), refused.status(), refused.response(), now));
                        reached = event.position();
                    }
                    case Delivery.Retry retry -> stoppedBy = "event " + event.eventId() + ": " + retry.reason();
                }
            }
            deadLettered += poison.size();
            if (!reached.equals(from)) {
                failuresInARow = 0;
            }
            if (!record(from, reached, poison, stoppedBy, failuresInARow + 1, now)) {
                return new RelayReport(delivered, deadLettered, Optional.of("another runner moved the cursor"));
            }
            if (stoppedBy != null) {
                return new RelayReport(delivered, deadLettered, Optional.of(stoppedBy));
            }
            position = reached;
            if (batch.size() < settings.batchSize()) {
                return new RelayReport(delivered, deadLettered, Optional.empty());
            }
        }
    }

    /** Stores what a batch achieved in one transaction; false when another runner moved the cursor meanwhile. */
    private boolean record(RelayPosition from, RelayPosition reached, List<DeadLetter> poison, String stoppedBy,
                           int failures, Instant now) {
        try {
            return transactions.inTransaction(() -> {
                poison.forEach(deadLetters::add);
                boolean stillOurs = reached.equals(from)
                        ? cursors.lock(CONSUMER).position().equals(from)
                        : cursors.advance(CONSUMER, from, reached, now);
                if (!stillOurs) {
                    throw new ConcurrentRunException();
                }
                if (stoppedBy != null) {
                    cursors.recordFailure(CONSUMER, stoppedBy, failures, now.plus(settings.backoffAfter(failures)));
                }
                return true;
            });
        } catch (ConcurrentRunException e) {
            return false;
        }
    }

    /** Rolls back the dead letters of a batch whose cursor another runner moved meanwhile. */
    private static final class ConcurrentRunException extends RuntimeException {

        ConcurrentRunException() {
            super("another runner moved the cursor", null, false, false);
        }
    }
}
