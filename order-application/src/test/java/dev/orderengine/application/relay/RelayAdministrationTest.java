package dev.orderengine.application.relay;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Watching the consumers of the outbox and replaying the data-platform relay. */
class RelayAdministrationTest {

    private static final String DATAPLATFORM = RelayOrderEvents.CONSUMER;
    private static final String STATISTICS = RecordSalesStatistics.CONSUMER;

    private final Shop shop = new Shop();
    private final RelayPorts ports = shop.storage().relayPorts();
    private final ScriptedDataPlatform platform = new ScriptedDataPlatform();
    private final ProductId pen = shop.product(1_000, 100);
    private final UserId ada = shop.customerWith(1_000_000);
    private final RelayOrderEvents relay = new RelayOrderEvents(shop.ports().transactions(), ports.feed(), ports.cursors(),
            ports.deadLetters(), platform, new RelaySettings(10, Duration.ofSeconds(1), Duration.ofSeconds(8)), shop.clock());
    private final RecordSalesStatistics statistics = new RecordSalesStatistics(shop.ports().transactions(), ports.feed(),
            ports.cursors(), ports.productSales(), 10, shop.clock());
    private final RelayAdministration administration = new RelayAdministration(shop.ports().transactions(), ports.feed(),
            ports.cursors(), ports.deadLetters());

    @Test
    void lists_both_consumers_at_the_start_with_every_event_still_to_process() {
        placeOrders(3);

        assertThat(administration.status()).containsExactly(
                new RelayStatus(DATAPLATFORM, 0, 3, Optional.of(OPENING), Optional.empty(), Optional.empty(), 0),
                new RelayStatus(STATISTICS, 0, 3, Optional.of(OPENING), Optional.empty(), Optional.empty(), 0));
    }

    @Test
    void shows_each_consumers_position_lag_last_delivery_and_dead_letters() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.answer(ids.get(1), new Delivery.Poison(422, "refused"));
        shop.clock().advance(Duration.ofMinutes(5));
        relay.relayOnce();
        placeOrders(2);
        shop.clock().advance(Duration.ofMinutes(5));
        statistics.recordOnce();

        List<RelayStatus> status = administration.status();

        assertThat(status).containsExactly(
                new RelayStatus(DATAPLATFORM, ids.getLast(), 2, Optional.of(OPENING.plus(Duration.ofMinutes(5))),
                        Optional.of(OPENING.plus(Duration.ofMinutes(5))), Optional.empty(), 1),
                new RelayStatus(STATISTICS, eventIds().getLast(), 0, Optional.empty(),
                        Optional.of(OPENING.plus(Duration.ofMinutes(10))), Optional.empty(), 0));
    }

    @Test
    void shows_the_last_error_of_a_relay_that_must_retry() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);

        relay.relayOnce();

        RelayStatus dataPlatform = administration.status().getFirst();
        assertThat(dataPlatform.consumer()).isEqualTo(DATAPLATFORM);
        assertThat(dataPlatform.position()).isEqualTo(ids.getFirst());
        assertThat(dataPlatform.lag()).isEqualTo(2);
        assertThat(dataPlatform.lastError()).hasValueSatisfying(error ->
                assertThat(error).contains("event " + ids.get(1)).contains("503"));
        assertThat(administration.status().getLast().lastError()).isEmpty();
    }

    @Test
    void replay_makes_the_next_run_send_again_from_that_event_on() {
        placeOrders(4);
        List<Long> ids = eventIds();
        relay.relayOnce();
        statistics.recordOnce();

        administration.replay(DATAPLATFORM, ids.get(1));

        assertThat(administration.status().getFirst().position()).isEqualTo(ids.get(0));
        assertThat(administration.status().getFirst().lag()).isEqualTo(3);
        assertThat(administration.status().getLast().position()).as("statistics untouched").isEqualTo(ids.getLast());

        RelayReport report = relay.relayOnce();

        assertThat(report).isEqualTo(new RelayReport(3, 0, Optional.empty()));
        assertThat(platform.offers().getLast()).containsExactlyElementsOf(ids.subList(1, 4));
        assertThat(administration.status().getFirst().lag()).isZero();
    }

    @Test
    void replay_clears_a_pending_backoff() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);
        relay.relayOnce();
        assertThat(relay.relayOnce().stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("backing off"));

        administration.replay(DATAPLATFORM, ids.getFirst());
        RelayReport report = relay.relayOnce();

        assertThat(report).isEqualTo(new RelayReport(3, 0, Optional.empty()));
        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void replay_from_an_event_the_relay_has_not_reached_changes_nothing_so_no_event_is_skipped() {
        placeOrders(6);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);
        relay.relayOnce();
        shop.clock().advance(Duration.ofMinutes(1));

        boolean moved = administration.replay(DATAPLATFORM, ids.get(4));

        assertThat(moved).isFalse();
        assertThat(administration.status().getFirst().position()).isEqualTo(ids.getFirst());
        relay.relayOnce();
        assertThat(platform.firstAccepted()).as("every event reaches the platform").containsExactlyElementsOf(ids);
    }

    @Test
    void replay_from_the_event_just_after_the_cursor_changes_nothing() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);
        relay.relayOnce();

        assertThat(administration.replay(DATAPLATFORM, ids.get(1))).isFalse();
        assertThat(administration.status().getFirst().position()).isEqualTo(ids.getFirst());
    }

    @Test
    void replay_sends_dead_lettered_events_again_too() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.answer(ids.get(1), new Delivery.Poison(422, "refused"));
        relay.relayOnce();
        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(2));

        administration.replay(DATAPLATFORM, ids.getFirst());
        relay.relayOnce();

        assertThat(platform.accepted()).containsExactly(ids.get(0), ids.get(2), ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void refuses_to_replay_from_an_event_retention_deleted_naming_the_oldest_kept_event() {
        placeOrders(3);
        List<Long> ids = eventIds();
        relay.relayOnce();
        statistics.recordOnce();
        shop.ports().transactions().inTransaction(() -> ports.feed().deleteUpTo(ports.cursors().get(DATAPLATFORM).position(),
                OPENING.plus(Duration.ofDays(1)), 1));

        InvalidInputException refused = (InvalidInputException) failsWith(ErrorCode.VALIDATION_FAILED,
                () -> administration.replay(DATAPLATFORM, ids.getFirst()));

        assertThat(refused.field()).isEqualTo("fromEventId");
        assertThat(refused.detail()).contains("event " + ids.getFirst() + " is not kept").contains("the oldest kept event is " + ids.get(1));
        assertThat(administration.status().getFirst().position()).isEqualTo(ids.getLast());
    }

    @Test
    void refuses_to_replay_the_statistics_since_they_count_exactly_once() {
        placeOrders(2);
        statistics.recordOnce();

        String field = invalidField(() -> administration.replay(STATISTICS, eventIds().getFirst()));

        assertThat(field).isEqualTo("consumer");
        assertThat(statistics.recordOnce()).isZero();
        assertThat(administration.status().getLast().position()).isEqualTo(eventIds().getLast());
    }

    @Test
    void refuses_to_replay_an_unknown_consumer() {
        placeOrders(1);

        failsWith(ErrorCode.NOT_FOUND, () -> administration.replay("warehouse", eventIds().getFirst()));
    }

    @Test
    void refuses_to_replay_from_an_event_that_does_not_exist_naming_fromEventId() {
        placeOrders(2);
        relay.relayOnce();
        long unknown = eventIds().getLast() + 100;

        assertThat(invalidField(() -> administration.replay(DATAPLATFORM, unknown))).isEqualTo("fromEventId");
        assertThat(invalidField(() -> administration.replay(DATAPLATFORM, 0))).isEqualTo("fromEventId");

        assertThat(administration.status().getFirst().position()).isEqualTo(eventIds().getLast());
        assertThat(relay.relayOnce()).isEqualTo(new RelayReport(0, 0, Optional.empty()));
    }

    // --- fixtures

    private void placeOrders(int count) {
        for (int i = 0; i < count; i++) {
            shop.orderBy(ada).item(pen, 1).place();
        }
    }

    private List<Long> eventIds() {
        return List.copyOf(shop.storage().eventsById().keySet());
    }

    private static String invalidField(ThrowingCallable call) {
        return ((InvalidInputException) failsWith(ErrorCode.VALIDATION_FAILED, call)).field();
    }
}
