package dev.orderengine.application.relay;

import static dev.orderengine.application.testing.Shop.OPENING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Relaying completed orders to the data platform: once, in order, never skipping, backing off when it is down. */
class RelayOrderEventsTest {

    private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final Shop shop = new Shop();
    private final RelayPorts ports = shop.storage().relayPorts();
    private final ScriptedDataPlatform platform = new ScriptedDataPlatform();
    private final ProductId pen = shop.product(1_000, 100);
    private final UserId ada = shop.customerWith(1_000_000);

    @Test
    void delivers_every_completed_order_once_in_event_order_and_moves_the_cursor() {
        List<OrderId> orders = placeOrders(3);
        List<Long> ids = eventIds();
        shop.clock().advance(Duration.ofSeconds(10));

        RelayReport report = relay(10).relayOnce();

        assertThat(report).isEqualTo(new RelayReport(3, 0, Optional.empty()));
        assertThat(platform.offers()).containsExactly(ids);
        assertThat(platform.acceptedEvents()).allSatisfy(published ->
                assertThat(published.type()).isEqualTo(OrderEventType.ORDER_COMPLETED));
        assertThat(platform.acceptedEvents()).extracting(published -> new OrderId(published.orderId()))
                .containsExactlyElementsOf(orders);
        RelayCursor cursor = cursor();
        assertThat(cursor.position().eventId()).isEqualTo(ids.getLast());
        assertThat(cursor.lastDeliveredAt()).contains(OPENING.plusSeconds(10));
        assertThat(cursor.consecutiveFailures()).isZero();
        assertThat(cursor.retryAt()).isEmpty();
    }

    @Test
    void a_second_run_sends_nothing_and_a_later_run_sends_only_the_new_events() {
        placeOrders(2);
        RelayOrderEvents relay = relay(10);
        relay.relayOnce();

        RelayReport second = relay.relayOnce();

        assertThat(second).isEqualTo(new RelayReport(0, 0, Optional.empty()));
        assertThat(platform.offers()).hasSize(1);

        placeOrders(1);
        RelayReport third = relay.relayOnce();

        assertThat(third.delivered()).isEqualTo(1);
        assertThat(platform.offers().getLast()).containsExactly(eventIds().getLast());
        assertThat(platform.accepted()).doesNotHaveDuplicates().containsExactlyElementsOf(eventIds());
    }

    @Test
    void keeps_draining_full_batches_until_caught_up_in_one_run() {
        placeOrders(5);
        List<Long> ids = eventIds();

        RelayReport report = relay(2).relayOnce();

        assertThat(report).isEqualTo(new RelayReport(5, 0, Optional.empty()));
        assertThat(platform.offers()).containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5));
        assertThat(cursor().position().eventId()).isEqualTo(ids.getLast());
    }

    @Test
    void never_offers_an_empty_batch_when_the_last_full_batch_was_the_end() {
        placeOrders(4);
        List<Long> ids = eventIds();

        RelayReport report = relay(2).relayOnce();

        assertThat(report.delivered()).isEqualTo(4);
        assertThat(platform.offers()).containsExactly(ids.subList(0, 2), ids.subList(2, 4));
    }

    @Test
    void a_retry_stops_the_run_at_that_event_and_counts_nothing_after_it() {
        placeOrders(5);
        List<Long> ids = eventIds();
        long third = ids.get(2);
        platform.unavailableFor(third, 1);

        RelayReport report = relay(10).relayOnce();

        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.stoppedBy()).hasValueSatisfying(reason ->
                assertThat(reason).contains("event " + third).contains("503 Service Unavailable"));
        RelayCursor cursor = cursor();
        assertThat(cursor.position().eventId()).isEqualTo(ids.get(1));
        assertThat(cursor.consecutiveFailures()).isEqualTo(1);
        assertThat(cursor.retryAt()).contains(OPENING.plus(INITIAL_BACKOFF));
        assertThat(cursor.lastError()).hasValueSatisfying(error -> assertThat(error).contains("503"));
    }

    @Test
    void backs_off_after_a_retry_then_resends_from_the_failed_event_and_skips_nothing() {
        placeOrders(5);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(2), 1);
        RelayOrderEvents relay = relay(10);
        relay.relayOnce();
        int offersAfterFailure = platform.offers().size();

        shop.clock().advance(INITIAL_BACKOFF.minusMillis(1));
        RelayReport tooEarly = relay.relayOnce();

        assertThat(tooEarly.delivered()).isZero();
        assertThat(tooEarly.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("backing off"));
        assertThat(platform.offers()).hasSize(offersAfterFailure);

        shop.clock().advance(Duration.ofMillis(1));
        RelayReport recovered = relay.relayOnce();

        assertThat(recovered).isEqualTo(new RelayReport(3, 0, Optional.empty()));
        assertThat(platform.offers().getLast()).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(platform.firstAccepted()).containsExactlyElementsOf(ids).isSorted();
        assertThat(platform.accepted()).doesNotHaveDuplicates();
        RelayCursor cursor = cursor();
        assertThat(cursor.position().eventId()).isEqualTo(ids.getLast());
        assertThat(cursor.consecutiveFailures()).isZero();
        assertThat(cursor.retryAt()).isEmpty();
    }

    @Test
    void a_retry_in_a_later_batch_keeps_the_batches_delivered_before_it() {
        placeOrders(5);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(3), 1);
        RelayOrderEvents relay = relay(2);

        RelayReport failed = relay.relayOnce();

        assertThat(failed.delivered()).isEqualTo(3);
        assertThat(platform.offers()).containsExactly(ids.subList(0, 2), ids.subList(2, 4));
        assertThat(cursor().position().eventId()).isEqualTo(ids.get(2));
        assertThat(cursor().retryAt()).contains(OPENING.plus(INITIAL_BACKOFF));

        shop.clock().advance(INITIAL_BACKOFF);
        RelayReport recovered = relay.relayOnce();

        assertThat(recovered.delivered()).isEqualTo(2);
        assertThat(platform.offers().getLast()).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(platform.firstAccepted()).containsExactlyElementsOf(ids);
    }

    @Test
    void consecutive_failures_back_off_exponentially_up_to_the_maximum() {
        placeOrders(2);
        long first = eventIds().getFirst();
        platform.unavailableFor(first, 6);
        RelayOrderEvents relay = relay(10);

        List<Duration> waits = IntStream.rangeClosed(1, 6).mapToObj(attempt -> {
            Instant before = shop.clock().instant();
            RelayReport report = relay.relayOnce();
            assertThat(report.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("event " + first));
            RelayCursor cursor = cursor();
            assertThat(cursor.consecutiveFailures()).isEqualTo(attempt);
            Duration wait = Duration.between(before, cursor.retryAt().orElseThrow());
            shop.clock().advance(wait);
            return wait;
        }).toList();

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(platform.offers()).hasSize(6).allSatisfy(offer -> assertThat(offer.getFirst()).isEqualTo(first));
        assertThat(platform.accepted()).isEmpty();

        RelayReport recovered = relay.relayOnce();

        assertThat(recovered).isEqualTo(new RelayReport(2, 0, Optional.empty()));
        assertThat(cursor().consecutiveFailures()).isZero();
        assertThat(cursor().retryAt()).isEmpty();
    }

    @Test
    void a_success_clears_the_failures_so_the_next_failure_backs_off_from_the_start_again() {
        placeOrders(2);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(0), 3).unavailableFor(ids.get(1), 1);
        RelayOrderEvents relay = relay(10);
        relay.relayOnce();
        shop.clock().advance(Duration.ofSeconds(1));
        relay.relayOnce();
        shop.clock().advance(Duration.ofSeconds(2));
        relay.relayOnce();
        assertThat(cursor().consecutiveFailures()).isEqualTo(3);
        shop.clock().advance(Duration.ofSeconds(4));
        Instant now = shop.clock().instant();

        RelayReport report = relay.relayOnce();

        assertThat(report.delivered()).isEqualTo(1);
        assertThat(report.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("event " + ids.get(1)));
        RelayCursor cursor = cursor();
        assertThat(cursor.position().eventId()).isEqualTo(ids.get(0));
        assertThat(cursor.consecutiveFailures()).isEqualTo(1);
        assertThat(cursor.retryAt()).contains(now.plus(INITIAL_BACKOFF));
    }

    @Test
    void a_poison_event_goes_to_the_dead_letters_with_its_answer_and_the_relay_goes_on() {
        placeOrders(3);
        List<Long> ids = eventIds();
        long poison = ids.get(1);
        platform.answer(poison, new Delivery.Poison(422, "{\"error\":\"unknown user\"}"));
        shop.clock().advance(Duration.ofMinutes(1));
        RelayOrderEvents relay = relay(10);

        RelayReport report = relay.relayOnce();

        assertThat(report).isEqualTo(new RelayReport(2, 1, Optional.empty()));
        PublishedEvent refused = platform.offeredEvent(poison);
        assertThat(shop.storage().deadLetters()).containsExactly(new DeadLetter(RelayOrderEvents.CONSUMER, poison,
                refused.orderId(), OrderEventType.ORDER_COMPLETED, refused.body(), 422, "{\"error\":\"unknown user\"}",
                OPENING.plus(Duration.ofMinutes(1))));
        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(2));
        RelayCursor cursor = cursor();
        assertThat(cursor.position().eventId()).isEqualTo(ids.getLast());
        assertThat(cursor.consecutiveFailures()).isZero();
        assertThat(cursor.retryAt()).isEmpty();

        RelayReport again = relay.relayOnce();

        assertThat(again).isEqualTo(new RelayReport(0, 0, Optional.empty()));
        assertThat(platform.offered()).containsOnlyOnce(poison);
        assertThat(shop.storage().deadLetters()).hasSize(1);
    }

    @Test
    void a_poison_event_before_a_retry_is_dead_lettered_once_and_the_cursor_moves_past_it() {
        placeOrders(4);
        List<Long> ids = eventIds();
        platform.answer(ids.get(1), new Delivery.Poison(400, "bad request"));
        platform.unavailableFor(ids.get(2), 1);
        RelayOrderEvents relay = relay(10);

        RelayReport failed = relay.relayOnce();

        assertThat(failed.delivered()).isEqualTo(1);
        assertThat(failed.deadLettered()).isEqualTo(1);
        assertThat(failed.stoppedBy()).isPresent();
        assertThat(cursor().position().eventId()).isEqualTo(ids.get(1));

        shop.clock().advance(INITIAL_BACKOFF);
        RelayReport recovered = relay.relayOnce();

        assertThat(recovered).isEqualTo(new RelayReport(2, 0, Optional.empty()));
        assertThat(platform.offers().getLast()).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(shop.storage().deadLetters()).extracting(DeadLetter::eventId).containsExactly(ids.get(1));
    }

    @Test
    void after_a_retry_only_the_events_the_platform_has_not_acknowledged_are_sent_again() {
        platform.sendingWholeBatches();
        placeOrders(5);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);
        platform.answer(ids.get(3), new Delivery.Poison(422, "refused"));
        RelayOrderEvents relay = relay(10);

        RelayReport failed = relay.relayOnce();

        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(failed.delivered()).isEqualTo(3);
        assertThat(failed.deadLettered()).isEqualTo(1);
        assertThat(failed.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("event " + ids.get(1)));
        assertThat(cursor().position().eventId()).as("only past the contiguous prefix").isEqualTo(ids.get(0));
        assertThat(cursor().acknowledgedAhead()).containsExactlyInAnyOrder(ids.get(2), ids.get(3), ids.get(4));
        assertThat(shop.storage().deadLetters()).extracting(DeadLetter::eventId).containsExactly(ids.get(3));

        shop.clock().advance(INITIAL_BACKOFF);
        RelayReport recovered = relay.relayOnce();

        assertThat(platform.offers().getLast()).as("one failed event costs one repeated send").containsExactly(ids.get(1));
        assertThat(recovered).isEqualTo(new RelayReport(1, 0, Optional.empty()));
        assertThat(cursor().position().eventId()).isEqualTo(ids.getLast());
        assertThat(cursor().acknowledgedAhead()).isEmpty();
        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(2), ids.get(4), ids.get(1));
        assertThat(shop.storage().deadLetters()).hasSize(1);
    }

    @Test
    void an_answer_the_storage_cannot_keep_is_dead_lettered_with_a_note_instead_and_the_cursor_moves_on() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.answer(ids.get(1), new Delivery.Poison(400, "unstorable answer"));
        DeadLetters refusingThatAnswer = new DeadLetters() {
            @Override
            public void add(DeadLetter letter) {
                if (letter.response().contains("unstorable")) {
                    throw new IllegalStateException("storage failure: invalid byte sequence");
                }
                ports.deadLetters().add(letter);
            }

            @Override
            public long count(String consumer) {
                return ports.deadLetters().count(consumer);
            }

            @Override
            public int deleteCreatedBefore(Instant cutoff, int limit) {
                return ports.deadLetters().deleteCreatedBefore(cutoff, limit);
            }
        };
        RelayOrderEvents relay = new RelayOrderEvents(shop.ports().transactions(), ports.feed(), ports.cursors(),
                refusingThatAnswer, platform, new RelaySettings(10, INITIAL_BACKOFF, MAX_BACKOFF), shop.clock());

        RelayReport report = relay.relayOnce();

        assertThat(report).isEqualTo(new RelayReport(2, 1, Optional.empty()));
        assertThat(cursor().position().eventId()).isEqualTo(ids.getLast());
        assertThat(shop.storage().deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.eventId()).isEqualTo(ids.get(1));
            assertThat(letter.response()).contains("could not be stored").contains("invalid byte sequence");
        });
        assertThat(relay.relayOnce()).isEqualTo(new RelayReport(0, 0, Optional.empty()));
        assertThat(platform.offered()).containsOnlyOnce(ids.get(1));
    }

    @Test
    void an_operator_replay_during_a_send_wins_and_the_batch_neither_moves_the_cursor_nor_keeps_its_dead_letters() {
        placeOrders(3);
        List<Long> ids = eventIds();
        RelayOrderEvents relay = relay(10);
        relay.relayOnce();
        placeOrders(2);
        List<Long> all = eventIds();
        platform.answer(all.get(3), new Delivery.Poison(422, "refused"));
        RelayAdministration administration = new RelayAdministration(shop.ports().transactions(), ports.feed(),
                ports.cursors(), ports.deadLetters());
        platform.duringNextSend(() -> administration.replay(RelayOrderEvents.CONSUMER, ids.get(1)));

        RelayReport raced = relay.relayOnce();

        assertThat(raced.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("another runner"));
        assertThat(cursor().position().eventId()).isEqualTo(ids.get(0));
        assertThat(shop.storage().deadLetters()).isEmpty();

        platform.answer(all.get(3), new Delivery.Poison(422, "refused"));
        RelayReport replayed = relay.relayOnce();

        assertThat(platform.offers().getLast()).containsExactlyElementsOf(all.subList(1, 5));
        assertThat(replayed).isEqualTo(new RelayReport(3, 1, Optional.empty()));
        assertThat(shop.storage().deadLetters()).extracting(DeadLetter::eventId).containsExactly(all.get(3));
    }

    // --- fixtures

    private RelayOrderEvents relay(int batchSize) {
        return new RelayOrderEvents(shop.ports().transactions(), ports.feed(), ports.cursors(), ports.deadLetters(), platform,
                new RelaySettings(batchSize, INITIAL_BACKOFF, MAX_BACKOFF), shop.clock());
    }

    private List<OrderId> placeOrders(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(quantity -> shop.orderBy(ada).item(pen, quantity).place().order().id())
                .toList();
    }

    private List<Long> eventIds() {
        return List.copyOf(shop.storage().eventsById().keySet());
    }

    private RelayCursor cursor() {
        return shop.ports().transactions().inTransaction(() -> ports.cursors().get(RelayOrderEvents.CONSUMER));
    }
}
