package dev.orderengine.application.relay;

import dev.orderengine.application.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Relays the order events to the data platform for one consumer cursor, at least once and in relay order. A run
 * drains batch after batch until caught up. The cursor only ever moves past a contiguous prefix of events that were
 * delivered or dead-lettered; the first event that must be retried stops the run, and the next attempt waits an
 * exponential backoff. Events answered after that one are noted as acknowledged, so the next run sends only what the
 * platform has not acknowledged. No database transaction is held while sending.
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
        RelayCursor cursor = transactions.readOnly(() -> cursors.get(CONSUMER));
        if (cursor.backingOffAt(clock.instant())) {
            return RelayReport.backingOff();
        }
        RelayPosition position = cursor.position();
        Set<Long> acknowledged = new HashSet<>(cursor.acknowledgedAhead());
        int failuresInARow = cursor.consecutiveFailures();
        int delivered = 0;
        int deadLettered = 0;
        while (true) {
            RelayPosition from = position;
            List<PublishedEvent> batch = transactions.readOnly(() -> feed.readAfter(from, settings.batchSize()));
            if (batch.isEmpty()) {
                return new RelayReport(delivered, deadLettered, Optional.empty());
            }
            Instant sentAt = clock.instant();
            BatchResult result = send(from, batch, acknowledged, sentAt);
            delivered += result.delivered();
            deadLettered += result.deadLetters().size();
            if (!result.reached().equals(from)) {
                failuresInARow = 0;
            }
            if (!record(from, result, failuresInARow + 1, clock.instant())) {
                return new RelayReport(delivered, deadLettered, Optional.of("another runner moved the cursor"));
            }
            result.acknowledgedAhead().forEach(ahead -> acknowledged.add(ahead.eventId()));
            if (result.stoppedBy().isPresent()) {
                return new RelayReport(delivered, deadLettered, result.stoppedBy());
            }
            position = result.reached();
            if (batch.size() < settings.batchSize()) {
                return new RelayReport(delivered, deadLettered, Optional.empty());
            }
        }
    }

    /** What sending one batch achieved: how far the cursor may move, what to set aside and note, and why it stopped. */
    private record BatchResult(RelayPosition reached, int delivered, List<DeadLetter> deadLetters,
                               List<RelayPosition> acknowledgedAhead, Optional<String> stoppedBy) {
    }

    /** Sends the events of the batch not acknowledged yet and walks the answers in relay order. */
    private BatchResult send(RelayPosition from, List<PublishedEvent> batch, Set<Long> acknowledged, Instant now) {
        List<PublishedEvent> unacknowledged = batch.stream().filter(event -> !acknowledged.contains(event.eventId())).toList();
        List<Delivery> answers = unacknowledged.isEmpty() ? List.of() : dataPlatform.deliver(unacknowledged);
        if (answers.size() != unacknowledged.size()) {
            throw new IllegalStateException("data platform answered " + answers.size() + " deliveries for " + unacknowledged.size() + " events");
        }
        Iterator<Delivery> answer = answers.iterator();
        RelayPosition reached = from;
        int delivered = 0;
        List<DeadLetter> letters = new ArrayList<>();
        List<RelayPosition> ahead = new ArrayList<>();
        String stoppedBy = null;
        for (PublishedEvent event : batch) {
            boolean done = true;
            if (!acknowledged.contains(event.eventId())) {
                switch (answer.next()) {
                    case Delivery.Delivered ignored -> delivered++;
                    case Delivery.Poison refused -> letters.add(DeadLetter.of(CONSUMER, event, refused.status(), refused.response(), now));
                    case Delivery.Retry retry -> {
                        done = false;
                        if (stoppedBy == null) {
                            stoppedBy = "event " + event.eventId() + ": " + retry.reason();
                        }
                    }
                }
            }
            if (done && stoppedBy == null) {
                reached = event.position();
            } else if (done && !acknowledged.contains(event.eventId())) {
                ahead.add(event.position());
            }
        }
        return new BatchResult(reached, delivered, letters, ahead, Optional.ofNullable(stoppedBy));
    }

    /**
     * Stores what a batch achieved in one transaction; false when another runner moved the cursor meanwhile. Should
     * the storage refuse a dead letter's content, the letters are stored with a note in place of the receiver's answer:
     * otherwise the cursor could never move and the same batch would be sent on every run.
     */
    private boolean record(RelayPosition from, BatchResult result, int failures, Instant now) {
        try {
            return store(from, result, result.deadLetters(), failures, now);
        } catch (RuntimeException failure) {
            if (result.deadLetters().isEmpty()) {
                throw failure;
            }
            String note = "(the receiver's answer could not be stored: " + SendWindow.describe(failure) + ")";
            return store(from, result, result.deadLetters().stream().map(letter -> letter.withResponse(note)).toList(), failures, now);
        }
    }

    private boolean store(RelayPosition from, BatchResult result, List<DeadLetter> letters, int failures, Instant now) {
        try {
            return transactions.inTransaction(() -> {
                letters.forEach(deadLetters::add);
                boolean stillOurs = result.reached().equals(from)
                        ? cursors.lock(CONSUMER).position().equals(from)
                        : cursors.advance(CONSUMER, from, result.reached(), now);
                if (!stillOurs) {
                    throw new ConcurrentRunException();
                }
                if (!result.acknowledgedAhead().isEmpty()) {
                    cursors.acknowledge(CONSUMER, result.acknowledgedAhead());
                }
                result.stoppedBy().ifPresent(reason ->
                        cursors.recordFailure(CONSUMER, reason, failures, now.plus(settings.backoffAfter(failures))));
                return true;
            });
        } catch (ConcurrentRunException e) {
            return false;
        }
    }

    /** Rolls back what a batch stored when another runner moved the cursor meanwhile. */
    private static final class ConcurrentRunException extends RuntimeException {

        ConcurrentRunException() {
            super("another runner moved the cursor", null, false, false);
        }
    }
}
