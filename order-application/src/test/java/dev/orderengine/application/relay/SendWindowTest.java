package dev.orderengine.application.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.order.OrderEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sending discipline shared by the one-event-at-a-time transports, with answers the test gives by hand. */
class SendWindowTest {

    private static final Duration SETTLE = Duration.ofMillis(200);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<Delivery>> answers = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void never_has_more_than_the_window_unanswered_and_moves_on_as_the_oldest_answers() throws Exception {
        Future<List<Delivery>> sending = deliverInBackground(List.of(event(1, 101), event(2, 102), event(3, 103), event(4, 104)), 2);

        awaitStarted(1L, 2L);
        answer(2, new Delivery.Delivered());
        assertThat(startedAfterSettling()).as("event 3 waits for event 1, the oldest unanswered").containsExactly(1L, 2L);
        answer(1, new Delivery.Delivered());
        awaitStarted(1L, 2L, 3L, 4L);
        answer(3, new Delivery.Delivered());
        answer(4, new Delivery.Delivered());

        assertThat(sending.get(5, TimeUnit.SECONDS)).hasSize(4).allMatch(Delivery.Delivered.class::isInstance);
    }

    @Test
    void an_event_waits_for_the_answer_to_an_earlier_event_of_the_same_order_while_other_orders_go_on() throws Exception {
        Future<List<Delivery>> sending = deliverInBackground(List.of(event(1, 7), event(2, 8), event(3, 7), event(4, 9)), 8);

        awaitStarted(1L, 2L);
        assertThat(startedAfterSettling()).as("event 3 of order 7 waits for event 1 of order 7").containsExactly(1L, 2L);
        answer(1, new Delivery.Delivered());
        awaitStarted(1L, 2L, 3L, 4L);
        answer(2, new Delivery.Delivered());
        answer(3, new Delivery.Delivered());
        answer(4, new Delivery.Delivered());

        assertThat(sending.get(5, TimeUnit.SECONDS)).hasSize(4).allMatch(Delivery.Delivered.class::isInstance);
    }

    @Test
    void after_a_retry_starts_nothing_more_but_keeps_the_answers_of_what_was_in_flight() throws Exception {
        Future<List<Delivery>> sending = deliverInBackground(List.of(event(1, 1), event(2, 2), event(3, 3), event(4, 4)), 3);

        awaitStarted(1L, 2L, 3L);
        answer(1, new Delivery.Retry("HTTP 503"));
        answer(2, new Delivery.Delivered());
        answer(3, new Delivery.Poison(422, "refused"));

        assertThat(sending.get(5, TimeUnit.SECONDS)).containsExactly(new Delivery.Retry("HTTP 503"), new Delivery.Delivered(),
                new Delivery.Poison(422, "refused"), SendWindow.NOT_SENT);
        assertThat(started).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_later_event_of_an_order_whose_earlier_event_must_be_retried_is_not_sent() throws Exception {
        Future<List<Delivery>> sending = deliverInBackground(List.of(event(1, 7), event(2, 7)), 4);

        awaitStarted(1L);
        answer(1, new Delivery.Retry("timeout"));

        assertThat(sending.get(5, TimeUnit.SECONDS)).containsExactly(new Delivery.Retry("timeout"), SendWindow.NOT_SENT);
        assertThat(started).containsExactly(1L);
    }

    @Test
    void a_send_that_throws_or_fails_is_a_retry_naming_the_failure() {
        List<Delivery> results = SendWindow.deliver(List.of(event(1, 1), event(2, 2)), 1, event -> {
            if (event.eventId() == 1) {
                return CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused"));
            }
            throw new IllegalStateException("producer closed");
        });

        assertThat(results).containsExactly(new Delivery.Retry("ConnectException: Connection refused"), SendWindow.NOT_SENT);
        assertThat(SendWindow.deliver(List.of(event(2, 2)), 1, event -> {
            throw new IllegalStateException("producer closed");
        })).containsExactly(new Delivery.Retry("IllegalStateException: producer closed"));
    }

    // --- fixtures

    private Future<List<Delivery>> deliverInBackground(List<PublishedEvent> events, int window) {
        return threads.submit(() -> SendWindow.deliver(events, window, event -> {
            CompletableFuture<Delivery> answer = new CompletableFuture<>();
            answers.put(event.eventId(), answer);
            started.add(event.eventId());
            return answer;
        }));
    }

    private void answer(long eventId, Delivery delivery) {
        answers.get(eventId).complete(delivery);
    }

    private void awaitStarted(Long... eventIds) throws InterruptedException {
        await(() -> started.size() >= eventIds.length);
        assertThat(started).containsExactly(eventIds);
    }

    private List<Long> startedAfterSettling() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        return List.copyOf(started);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(5);
        }
    }

    private static PublishedEvent event(long eventId, long orderId) {
        return new PublishedEvent(eventId, new RelayPosition(eventId, eventId), orderId, OrderEventType.ORDER_COMPLETED,
                Instant.parse("2026-11-24T10:00:00Z"), "{\"eventId\":" + eventId + "}");
    }
}
