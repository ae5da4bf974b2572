package dev.orderengine.application.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A data platform that answers each event from a script (its queued answers, then {@code Delivered} for good)
 * and records what it was offered and what it accepted.
 *
 * <p>By default it sends like the HTTP adapter with one request in flight: at the first event that must be retried
 * it stops, and answers the rest of the batch "not sent" without receiving them. {@link #sendingWholeBatches()}
 * sends every event of a batch at once instead, so events after a failed one may be accepted.
 */
final class ScriptedDataPlatform implements DataPlatform {

    private final Map<Long, Deque<Delivery>> script = new HashMap<>();
    private final List<List<Long>> offers = new ArrayList<>();
    private final List<Long> accepted = new ArrayList<>();
    private final List<PublishedEvent> acceptedEvents = new ArrayList<>();
    private final Map<Long, PublishedEvent> offeredEvents = new HashMap<>();
    private boolean wholeBatches;
    private Runnable duringNextSend = () -> { };

    /** Queues answers for the next offers of {@code eventId}; once they are used up the event is delivered. */
    ScriptedDataPlatform answer(long eventId, Delivery... answers) {
        script.computeIfAbsent(eventId, id -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** The next {@code times} offers of {@code eventId} must be retried (the platform is down for it). */
    ScriptedDataPlatform unavailableFor(long eventId, int times) {
        for (int i = 0; i < times; i++) {
            answer(eventId, new Delivery.Retry("503 Service Unavailable"));
        }
        return this;
    }

    ScriptedDataPlatform sendingWholeBatches() {
        wholeBatches = true;
        return this;
    }

    /** Runs {@code action} while the next batch is being sent, outside any transaction of the relay. */
    void duringNextSend(Runnable action) {
        duringNextSend = action;
    }

    @Override
    public List<Delivery> deliver(List<PublishedEvent> events) {
        offers.add(events.stream().map(PublishedEvent::eventId).toList());
        events.forEach(event -> offeredEvents.put(event.eventId(), event));
        Runnable action = duringNextSend;
        duringNextSend = () -> { };
        action.run();
        List<Delivery> answers = new ArrayList<>();
        boolean stopped = false;
        for (PublishedEvent event : events) {
            if (stopped) {
                answers.add(new Delivery.Retry("not sent: an earlier event must be retried first"));
                continue;
            }
            Deque<Delivery> queued = script.getOrDefault(event.eventId(), new ArrayDeque<>());
            Delivery answer = queued.isEmpty() ? new Delivery.Delivered() : queued.poll();
            if (answer instanceof Delivery.Delivered) {
                accepted.add(event.eventId());
                acceptedEvents.add(event);
            }
            stopped = answer instanceof Delivery.Retry && !wholeBatches;
            answers.add(answer);
        }
        return answers;
    }

    /** The event ids of every batch offered, batch by batch. */
    List<List<Long>> offers() {
        return List.copyOf(offers);
    }

    /** Every event id offered, in the order offered, repeats included. */
    List<Long> offered() {
        return offers.stream().flatMap(List::stream).toList();
    }

    /** Every event id accepted, in the order accepted, repeats included. */
    List<Long> accepted() {
        return List.copyOf(accepted);
    }

    /** The event ids in the order the platform first accepted them. */
    List<Long> firstAccepted() {
        return List.copyOf(new LinkedHashSet<>(accepted));
    }

    /** The event last offered with {@code eventId}. */
    PublishedEvent offeredEvent(long eventId) {
        PublishedEvent event = offeredEvents.get(eventId);
        if (event == null) {
            throw new IllegalArgumentException("event " + eventId + " was never offered");
        }
        return event;
    }

    List<PublishedEvent> acceptedEvents() {
        return List.copyOf(acceptedEvents);
    }
}
