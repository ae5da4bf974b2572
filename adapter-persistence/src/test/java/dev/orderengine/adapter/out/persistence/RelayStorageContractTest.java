package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.OutboxProbe.endOfOutbox;
import static dev.orderengine.adapter.out.persistence.OutboxProbe.eventIdsAfter;
import static dev.orderengine.adapter.out.persistence.OutboxProbe.readAtLeast;
import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.relay.DailySale;
import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.DeadLetters;
import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.PopularProduct;
import dev.orderengine.application.relay.ProductSales;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayCursor;
import dev.orderengine.application.relay.RelayCursors;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ports of the outbox consumers: the event feed, the cursors, the dead letters and the daily product sales. */
abstract class RelayStorageContractTest extends StorageContract {

    private static final Instant DELIVERED_AT = NOW.plusSeconds(60);

    // --- feed

    @Test
    void reads_the_events_after_a_position_in_relay_order_up_to_the_limit() throws Exception {
        RelayPosition end = endOfOutbox(db());
        List<Long> ids = List.of(appendAlone(anEvent()), appendAlone(anEvent()), appendAlone(anEvent()));

        List<PublishedEvent> all = readAtLeast(db(), end, 10, 3);
        List<PublishedEvent> firstTwo = readOnly(() -> feed().readAfter(end, 2));
        List<PublishedEvent> afterSecond = readOnly(() -> feed().readAfter(firstTwo.getLast().position(), 10));

        assertThat(all).extracting(PublishedEvent::eventId).containsExactlyElementsOf(ids);
        assertThat(all).extracting(PublishedEvent::position).isSortedAccordingTo(Comparator.naturalOrder())
                .allSatisfy(position -> assertThat(position).isGreaterThan(end));
        assertThat(firstTwo).extracting(PublishedEvent::eventId).containsExactly(ids.get(0), ids.get(1));
        assertThat(afterSecond).extracting(PublishedEvent::eventId).containsExactly(ids.get(2));
        assertThat(readOnly(() -> feed().readAfter(all.getLast().position(), 10))).isEmpty();
    }

    @Test
    void events_appended_in_one_transaction_are_read_in_the_order_they_were_appended() throws Exception {
        RelayPosition end = endOfOutbox(db());
        OrderEvent event = anEvent();
        List<Long> ids = tx(() -> List.of(adapter().orderEvents().append(event), adapter().orderEvents().append(event),
                adapter().orderEvents().append(event)));

        List<PublishedEvent> read = readAtLeast(db(), end, 10, 3);

        assertThat(read).extracting(PublishedEvent::eventId).containsExactlyElementsOf(ids);
        assertThat(read).extracting(published -> published.position().txId()).containsOnly(read.getFirst().position().txId());
    }

    @Test
    void a_read_event_carries_its_order_type_time_and_the_body_written_once_when_it_was_appended() throws Exception {
        RelayPosition end = endOfOutbox(db());
        OrderEvent event = anEvent();
        long id = appendAlone(event);

        PublishedEvent read = readAtLeast(db(), end, 10, 1).getFirst();

        assertThat(read.eventId()).isEqualTo(id);
        assertThat(read.position().eventId()).isEqualTo(id);
        assertThat(read.orderId()).isEqualTo(event.orderId().value());
        assertThat(read.type()).isEqualTo(OrderEventType.ORDER_COMPLETED);
        assertThat(read.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(read.body()).isEqualTo(OrderEventJson.write(id, event)).startsWith("{\"eventId\":" + id + ",");
        assertThat(readOnly(() -> feed().decode(read))).isEqualTo(event);
    }

    @Test
    void counts_the_events_stored_after_a_position() throws Exception {
        RelayPosition end = endOfOutbox(db());
        appendAlone(anEvent());
        appendAlone(anEvent());
        appendAlone(anEvent());
        List<PublishedEvent> read = readAtLeast(db(), end, 10, 3);

        assertThat(readOnly(() -> feed().countAfter(end))).isEqualTo(3);
        assertThat(readOnly(() -> feed().countAfter(read.getFirst().position()))).isEqualTo(2);
        assertThat(readOnly(() -> feed().countAfter(read.getLast().position()))).isZero();
    }

    @Test
    void tells_when_the_first_event_after_a_position_happened() throws Exception {
        RelayPosition end = endOfOutbox(db());
        OrderEvent first = new OrderEvent(OrderEventType.ORDER_COMPLETED, anEvent().snapshot(), NOW.minusSeconds(90));
        appendAlone(first);
        appendAlone(anEvent());
        List<PublishedEvent> read = readAtLeast(db(), end, 10, 2);

        assertThat(readOnly(() -> feed().firstOccurredAfter(end))).contains(NOW.minusSeconds(90));
        assertThat(readOnly(() -> feed().firstOccurredAfter(read.getFirst().position()))).contains(NOW);
        assertThat(readOnly(() -> feed().firstOccurredAfter(read.getLast().position()))).isEmpty();
    }

    @Test
    void the_position_just_before_an_event_makes_a_read_start_with_that_event() throws Exception {
        RelayPosition end = endOfOutbox(db());
        List<Long> ids = List.of(appendAlone(anEvent()), appendAlone(anEvent()), appendAlone(anEvent()));
        List<PublishedEvent> read = readAtLeast(db(), end, 10, 3);

        RelayPosition second = readOnly(() -> feed().positionOf(ids.get(1))).orElseThrow();

        assertThat(second).isEqualTo(read.get(1).position());
        assertThat(readOnly(() -> feed().readAfter(second.justBefore(), 10))).extracting(PublishedEvent::eventId)
                .containsExactly(ids.get(1), ids.get(2));
    }

    @Test
    void the_position_just_before_an_event_of_a_transaction_with_several_events_starts_with_that_event() throws Exception {
        RelayPosition end = endOfOutbox(db());
        OrderEvent event = anEvent();
        List<Long> ids = tx(() -> List.of(adapter().orderEvents().append(event), adapter().orderEvents().append(event),
                adapter().orderEvents().append(event)));
        readAtLeast(db(), end, 10, 3);

        RelayPosition last = readOnly(() -> feed().positionOf(ids.get(2))).orElseThrow();

        assertThat(readOnly(() -> feed().readAfter(last.justBefore(), 10))).extracting(PublishedEvent::eventId).containsExactly(ids.get(2));
    }

    @Test
    void an_unknown_event_has_no_position() {
        assertThat(readOnly(() -> feed().positionOf(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void knows_the_oldest_event_kept() {
        long first = appendAlone(anEvent());
        appendAlone(anEvent());

        assertThat(readOnly(() -> feed().oldestEventId())).isPresent();
        assertThat(readOnly(() -> feed().oldestEventId()).getAsLong()).isLessThanOrEqualTo(first);
    }

    @Test
    void deletes_events_at_or_before_a_position_that_happened_before_the_cutoff_oldest_first_up_to_the_limit() throws Exception {
        RelayPosition end = endOfOutbox(db());
        long old1 = appendAlone(eventAt(NOW.minusSeconds(300)));
        long old2 = appendAlone(eventAt(NOW.minusSeconds(200)));
        long recent = appendAlone(eventAt(NOW));
        long oldButAhead = appendAlone(eventAt(NOW.minusSeconds(100)));
        List<PublishedEvent> read = readAtLeast(db(), end, 10, 4);
        RelayPosition passed = read.get(2).position();
        tx(() -> feed().deleteUpTo(end, NOW, 1_000));

        int first = tx(() -> feed().deleteUpTo(passed, NOW.minusSeconds(50), 1));
        int rest = tx(() -> feed().deleteUpTo(passed, NOW.minusSeconds(50), 10));

        assertThat(first).isEqualTo(1);
        assertThat(rest).isEqualTo(1);
        assertThat(eventIdsAfter(db(), end)).containsExactly(recent, oldButAhead);
        assertThat(readOnly(() -> feed().positionOf(old1))).isEmpty();
        assertThat(readOnly(() -> feed().positionOf(old2))).isEmpty();
    }

    // --- cursors

    @Test
    void a_cursor_never_locked_reads_as_at_the_start_with_no_history_and_reading_it_writes_nothing() {
        String consumer = newConsumer();

        RelayCursor cursor = readOnly(() -> cursors().get(consumer));

        assertThat(cursor).isEqualTo(RelayCursor.atStart(consumer));
        assertThat(cursor).isEqualTo(new RelayCursor(consumer, RelayPosition.START, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of()));
        assertThat(tx(() -> cursors().all())).extracting(RelayCursor::consumer).doesNotContain(consumer);
    }

    @Test
    void a_cursor_locked_for_the_first_time_is_created_at_the_start_too() {
        String consumer = newConsumer();

        RelayCursor locked = tx(() -> cursors().lock(consumer));

        assertThat(locked.position()).isEqualTo(RelayPosition.START);
        assertThat(tx(() -> cursors().get(consumer)).position()).isEqualTo(RelayPosition.START);
        assertThat(tx(() -> cursors().all())).extracting(RelayCursor::consumer).containsOnlyOnce(consumer);
    }

    @Test
    void acknowledged_events_past_the_cursor_are_kept_until_the_cursor_passes_them() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));

        tx(() -> cursors().acknowledge(consumer, List.of(new RelayPosition(5, 52), new RelayPosition(5, 53), new RelayPosition(6, 60))));
        RelayCursor noted = readOnly(() -> cursors().get(consumer));
        tx(() -> cursors().advance(consumer, RelayPosition.START, new RelayPosition(5, 53), DELIVERED_AT));
        RelayCursor passed = readOnly(() -> cursors().get(consumer));

        assertThat(noted.acknowledgedAhead()).containsExactlyInAnyOrder(52L, 53L, 60L);
        assertThat(passed.acknowledgedAhead()).containsExactly(60L);
    }

    @Test
    void reset_forgets_the_acknowledged_events_so_they_are_sent_again() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        tx(() -> cursors().acknowledge(consumer, List.of(new RelayPosition(5, 52))));

        tx(() -> cursors().reset(consumer, RelayPosition.START));

        assertThat(readOnly(() -> cursors().get(consumer)).acknowledgedAhead()).isEmpty();
    }

    @Test
    void advance_moves_the_cursor_from_the_expected_position_and_notes_the_delivery() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        RelayPosition reached = new RelayPosition(7, 70);

        boolean moved = tx(() -> cursors().advance(consumer, RelayPosition.START, reached, DELIVERED_AT));

        RelayCursor cursor = tx(() -> cursors().get(consumer));
        assertThat(moved).isTrue();
        assertThat(cursor.position()).isEqualTo(reached);
        assertThat(cursor.lastDeliveredAt()).contains(DELIVERED_AT);
    }

    @Test
    void advance_from_a_stale_position_returns_false_and_changes_nothing() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        RelayPosition first = new RelayPosition(7, 70);
        tx(() -> cursors().advance(consumer, RelayPosition.START, first, DELIVERED_AT));

        boolean movedAgain = tx(() -> cursors().advance(consumer, RelayPosition.START, new RelayPosition(9, 90), DELIVERED_AT.plusSeconds(5)));

        RelayCursor cursor = tx(() -> cursors().get(consumer));
        assertThat(movedAgain).isFalse();
        assertThat(cursor.position()).isEqualTo(first);
        assertThat(cursor.lastDeliveredAt()).contains(DELIVERED_AT);
    }

    @Test
    void of_concurrent_advances_from_one_position_exactly_one_moves_the_cursor() throws Exception {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> runners = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            RelayPosition reached = new RelayPosition(i, i * 10L);
            runners.add(inThread(() -> {
                await(start);
                return tx(() -> cursors().advance(consumer, RelayPosition.START, reached, DELIVERED_AT));
            }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            if (runners.get(i).get(10, TimeUnit.SECONDS)) {
                winners.add(i + 1);
            }
        }

        assertThat(winners).hasSize(1);
        int winner = winners.getFirst();
        assertThat(tx(() -> cursors().get(consumer)).position()).isEqualTo(new RelayPosition(winner, winner * 10L));
    }

    @Test
    void a_recorded_failure_is_kept_and_the_next_advance_clears_it() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        Instant retryAt = NOW.plusSeconds(30);

        tx(() -> cursors().recordFailure(consumer, "event 12: HTTP 503", 3, retryAt));
        RelayCursor failing = tx(() -> cursors().get(consumer));
        tx(() -> cursors().advance(consumer, RelayPosition.START, new RelayPosition(1, 12), DELIVERED_AT));
        RelayCursor recovered = tx(() -> cursors().get(consumer));

        assertThat(failing.consecutiveFailures()).isEqualTo(3);
        assertThat(failing.retryAt()).contains(retryAt);
        assertThat(failing.lastError()).contains("event 12: HTTP 503");
        assertThat(failing.position()).isEqualTo(RelayPosition.START);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.retryAt()).isEmpty();
        assertThat(recovered.position()).isEqualTo(new RelayPosition(1, 12));
    }

    @Test
    void a_very_long_error_is_kept_shortened_rather_than_refused() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        String error = "x".repeat(5_000);

        tx(() -> cursors().recordFailure(consumer, error, 1, NOW));

        assertThat(tx(() -> cursors().get(consumer)).lastError()).hasValueSatisfying(kept ->
                assertThat(error).startsWith(kept).hasSizeGreaterThan(kept.length()));
    }

    @Test
    void reset_puts_the_cursor_back_and_clears_its_failures() {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        tx(() -> cursors().advance(consumer, RelayPosition.START, new RelayPosition(7, 70), DELIVERED_AT));
        tx(() -> cursors().recordFailure(consumer, "HTTP 500", 4, NOW.plusSeconds(60)));

        tx(() -> cursors().reset(consumer, new RelayPosition(3, 30)));

        RelayCursor cursor = tx(() -> cursors().get(consumer));
        assertThat(cursor.position()).isEqualTo(new RelayPosition(3, 30));
        assertThat(cursor.consecutiveFailures()).isZero();
        assertThat(cursor.retryAt()).isEmpty();
    }

    @Test
    void reset_of_a_cursor_never_read_creates_it_at_that_position() {
        String consumer = newConsumer();

        tx(() -> cursors().reset(consumer, new RelayPosition(3, 30)));

        assertThat(tx(() -> cursors().get(consumer)).position()).isEqualTo(new RelayPosition(3, 30));
    }

    @Test
    void all_lists_every_cursor_by_consumer_name() {
        String prefix = newConsumer();
        tx(() -> cursors().reset(prefix + "-b", new RelayPosition(2, 20)));
        tx(() -> cursors().reset(prefix + "-a", new RelayPosition(1, 10)));

        List<RelayCursor> all = tx(() -> cursors().all());

        assertThat(all).extracting(RelayCursor::consumer).isSorted();
        assertThat(all).filteredOn(cursor -> cursor.consumer().startsWith(prefix))
                .extracting(RelayCursor::consumer, RelayCursor::position)
                .containsExactly(tuple(prefix + "-a", new RelayPosition(1, 10)),
                        tuple(prefix + "-b", new RelayPosition(2, 20)));
    }

    @Test
    void lock_makes_a_second_transaction_wait_until_the_first_commits() throws Exception {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));

        assertSecondLockWaitsForFirstCommit(() -> cursors().lock(consumer));
    }

    @Test
    void a_lock_that_waited_sees_the_position_the_first_transaction_committed() throws Exception {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        RelayPosition reached = new RelayPosition(5, 50);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = inThread(() -> tx(() -> {
            RelayCursor mine = cursors().lock(consumer);
            cursors().advance(consumer, mine.position(), reached, DELIVERED_AT);
            locked.countDown();
            await(release);
            return null;
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Future<RelayCursor> second = inThread(() -> tx(() -> cursors().lock(consumer)));
        Thread.sleep(BLOCKED_FOR.toMillis());
        assertThat(second).as("second runner waits for the first").isNotDone();

        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(second.get(10, TimeUnit.SECONDS).position()).isEqualTo(reached);
    }

    @Test
    void a_lock_is_released_when_its_transaction_rolls_back_and_the_rolled_back_move_is_gone() throws Exception {
        String consumer = newConsumer();
        tx(() -> cursors().lock(consumer));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = inThread(() -> tx(() -> {
            cursors().lock(consumer);
            cursors().advance(consumer, RelayPosition.START, new RelayPosition(5, 50), DELIVERED_AT);
            locked.countDown();
            await(release);
            throw new IllegalStateException("the runner failed");
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Future<RelayCursor> second = inThread(() -> tx(() -> cursors().lock(consumer)));
        Thread.sleep(BLOCKED_FOR.toMillis());
        assertThat(second).as("second runner waits for the first").isNotDone();

        release.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the runner failed");
        assertThat(second.get(10, TimeUnit.SECONDS).position()).isEqualTo(RelayPosition.START);
    }

    @Test
    void two_transactions_locking_a_new_cursor_at_once_create_it_once_and_take_turns() throws Exception {
        String consumer = newConsumer();

        assertSecondLockWaitsForFirstCommit(() -> cursors().lock(consumer));

        assertThat(tx(() -> cursors().all())).extracting(RelayCursor::consumer).containsOnlyOnce(consumer);
    }

    // --- dead letters

    @Test
    void counts_dead_letters_per_consumer() {
        String consumer = newConsumer();
        String other = newConsumer();
        long first = appendAlone(anEvent());
        long second = appendAlone(anEvent());

        tx(() -> {
            deadLetters().add(letter(consumer, first, 404, "{\"detail\":\"no such order\"}", NOW));
            deadLetters().add(letter(consumer, second, 422, "unprocessable", NOW));
            deadLetters().add(letter(other, first, 400, "bad request", NOW));
        });

        assertThat(tx(() -> deadLetters().count(consumer))).isEqualTo(2);
        assertThat(tx(() -> deadLetters().count(other))).isEqualTo(1);
        assertThat(tx(() -> deadLetters().count(newConsumer()))).isZero();
    }

    @Test
    void a_dead_letter_keeps_its_status_its_answer_and_a_copy_of_the_event_that_outlives_the_outbox_row() throws Exception {
        String consumer = newConsumer();
        RelayPosition end = endOfOutbox(db());
        long event = appendAlone(anEvent());
        PublishedEvent published = readAtLeast(db(), end, 10, 1).getFirst();
        String response = "{\"errors\":[\"" + "y".repeat(500) + "\"]}";

        tx(() -> deadLetters().add(new DeadLetter(consumer, event, published.orderId(), published.type(), published.body(), 418,
                response, NOW)));
        tx(() -> feed().deleteUpTo(published.position(), NOW.plusSeconds(1), 10));

        assertThat(readOnly(() -> feed().positionOf(event))).as("the outbox row is gone").isEmpty();
        assertThat(db().queryValue("SELECT response FROM relay_dead_letters WHERE consumer = ? AND event_id = ?", consumer, event))
                .contains(response);
        assertThat(db().queryValue("SELECT body FROM relay_dead_letters WHERE consumer = ?", consumer)).contains(published.body());
        assertThat(db().queryValue("SELECT event_type FROM relay_dead_letters WHERE consumer = ?", consumer)).contains("ORDER_COMPLETED");
        assertThat(db().queryLong("SELECT order_id FROM relay_dead_letters WHERE consumer = ?", consumer)).isEqualTo(published.orderId());
        assertThat(db().queryLong("SELECT status FROM relay_dead_letters WHERE consumer = ?", consumer)).isEqualTo(418);
    }

    @Test
    void a_dead_letter_whose_answer_held_nul_bytes_and_broken_characters_is_stored() throws Exception {
        String consumer = newConsumer();
        long event = appendAlone(anEvent());

        tx(() -> deadLetters().add(letter(consumer, event, 400, "bad\u0000body\uD800", NOW)));

        assertThat(db().queryValue("SELECT response FROM relay_dead_letters WHERE consumer = ?", consumer)).contains("bad\\u0000body\uFFFD");
    }

    @Test
    void deletes_dead_letters_created_before_a_cutoff_up_to_the_limit() throws Exception {
        String consumer = newConsumer();
        long event = appendAlone(anEvent());
        Instant cutoff = Instant.parse("1990-01-01T00:00:00Z");
        tx(() -> {
            deadLetters().add(letter(consumer, event, 400, "oldest", cutoff.minusSeconds(30)));
            deadLetters().add(letter(consumer, event, 400, "old", cutoff.minusSeconds(20)));
            deadLetters().add(letter(consumer, event, 400, "at the cutoff", cutoff));
        });

        int first = tx(() -> deadLetters().deleteCreatedBefore(cutoff, 1));
        int rest = tx(() -> deadLetters().deleteCreatedBefore(cutoff, 10));

        assertThat(first).isEqualTo(1);
        assertThat(rest).isEqualTo(1);
        assertThat(db().queryValue("SELECT response FROM relay_dead_letters WHERE consumer = ?", consumer)).contains("at the cutoff");
    }

    @Test
    void a_dead_letter_added_in_a_transaction_that_rolls_back_is_gone() {
        String consumer = newConsumer();
        long event = appendAlone(anEvent());

        assertThatThrownBy(() -> tx(() -> {
            deadLetters().add(letter(consumer, event, 404, "gone", NOW));
            throw new IllegalStateException("another runner moved the cursor");
        })).hasMessage("another runner moved the cursor");

        assertThat(tx(() -> deadLetters().count(consumer))).isZero();
    }

    // --- product sales

    @Test
    void sales_of_one_day_and_product_add_up_across_calls_and_within_one() {
        Product product = named("Kettle");
        LocalDate day = LocalDate.of(1999, 3, 10);

        tx(() -> sales().add(List.of(new DailySale(day, product.id(), 2))));
        tx(() -> sales().add(List.of(new DailySale(day, product.id(), 3), new DailySale(day.plusDays(1), product.id(), 4))));

        assertThat(readOnly(() -> sales().top(day, day, 10))).containsExactly(new PopularProduct(product.id(), "Kettle", 5));
        assertThat(readOnly(() -> sales().top(day, day.plusDays(1), 10))).containsExactly(new PopularProduct(product.id(), "Kettle", 9));
    }

    @Test
    void top_ranks_the_best_sellers_of_the_window_first_with_ties_by_product_id_and_their_names() {
        Product first = named("Apron");
        Product second = named("Bowl");
        Product third = named("Cup");
        LocalDate from = LocalDate.of(1998, 6, 1);
        LocalDate to = from.plusDays(2);
        tx(() -> sales().add(List.of(
                new DailySale(from, second.id(), 5),
                new DailySale(from, first.id(), 2),
                new DailySale(to, first.id(), 3),
                new DailySale(from.plusDays(1), third.id(), 7),
                new DailySale(from.minusDays(1), second.id(), 100),
                new DailySale(to.plusDays(1), first.id(), 100))));

        List<PopularProduct> top = readOnly(() -> sales().top(from, to, 10));
        List<PopularProduct> topTwo = readOnly(() -> sales().top(from, to, 2));

        assertThat(top).containsExactly(new PopularProduct(third.id(), "Cup", 7), new PopularProduct(first.id(), "Apron", 5),
                new PopularProduct(second.id(), "Bowl", 5));
        assertThat(topTwo).extracting(PopularProduct::productId).containsExactly(third.id(), first.id());
        assertThat(readOnly(() -> sales().top(to.plusDays(10), to.plusDays(20), 10))).isEmpty();
    }

    @Test
    void refunded_units_are_taken_off_and_a_total_reaching_zero_is_deleted_never_stored_below() throws Exception {
        Product kept = named("Ladle");
        Product gone = named("Mug");
        LocalDate day = LocalDate.of(1996, 2, 3);
        tx(() -> sales().add(List.of(new DailySale(day, kept.id(), 5), new DailySale(day, gone.id(), 2))));

        tx(() -> sales().add(List.of(new DailySale(day, kept.id(), -2), new DailySale(day, gone.id(), -2))));

        assertThat(readOnly(() -> sales().top(day, day, 10))).containsExactly(new PopularProduct(kept.id(), "Ladle", 3));
        assertThat(db().queryLong("SELECT COUNT(*) FROM product_sales_daily WHERE product_id = ?", gone.id().value())).isZero();

        tx(() -> sales().add(List.of(new DailySale(day, kept.id(), -7), new DailySale(day.plusDays(1), kept.id(), -1))));

        assertThat(readOnly(() -> sales().top(day, day.plusDays(1), 10))).as("never below 0, never a row for taking off alone").isEmpty();
        assertThat(db().queryLong("SELECT COUNT(*) FROM product_sales_daily WHERE product_id = ?", kept.id().value())).isZero();
    }

    @Test
    void adding_no_sales_changes_nothing() {
        LocalDate day = LocalDate.of(1997, 1, 1);

        tx(() -> sales().add(List.of()));

        assertThat(readOnly(() -> sales().top(day, day, 10))).isEmpty();
    }

    // --- helpers

    OrderEventFeed feed() {
        return adapter().relayPorts().feed();
    }

    private RelayCursors cursors() {
        return adapter().relayPorts().cursors();
    }

    private DeadLetters deadLetters() {
        return adapter().relayPorts().deadLetters();
    }

    private ProductSales sales() {
        return adapter().relayPorts().productSales();
    }

    private static String newConsumer() {
        return "test-" + UUID.randomUUID();
    }

    /** A completed-order event of a new order (the outbox refers to an existing order). */
    OrderEvent anEvent() {
        Order order = fixtures().allocatedOrder(fixtures().user(), NOW, fixtures().product(1_000, 10));
        return new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), NOW);
    }

    OrderEvent eventAt(Instant occurredAt) {
        return new OrderEvent(OrderEventType.ORDER_COMPLETED, anEvent().snapshot(), occurredAt);
    }

    private static DeadLetter letter(String consumer, long eventId, int status, String response, Instant createdAt) {
        return new DeadLetter(consumer, eventId, 1, OrderEventType.ORDER_COMPLETED, "{\"eventId\":" + eventId + "}", status, response,
                createdAt);
    }

    /** Appends {@code event} in a transaction of its own; returns its id. */
    long appendAlone(OrderEvent event) {
        return tx(() -> adapter().orderEvents().append(event));
    }

    private Product named(String name) {
        return tx(() -> {
            Product product = Product.list(adapter().products().nextId(), name, null, Money.of(1_000), NOW);
            adapter().products().add(product);
            return product;
        });
    }
}
