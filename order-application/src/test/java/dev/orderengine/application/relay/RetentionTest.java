package dev.orderengine.application.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeping the outbox, the dead letters and the idempotency records bounded, and nothing else. */
class RetentionTest {

    private static final RetentionSettings SETTINGS = new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(24), 2);

    private final Shop shop = new Shop();
    private final RelayPorts ports = shop.storage().relayPorts();
    private final ScriptedDataPlatform platform = new ScriptedDataPlatform();
    private final RelayEngine relays = new RelayEngine(shop.ports(), ports, platform,
            new RelaySettings(100, Duration.ofSeconds(1), Duration.ofSeconds(8)), SETTINGS, shop.clock());
    private final ProductId pen = shop.product(1_000, 100);
    private final UserId ada = shop.customerWith(1_000_000);

    @Test
    void deletes_the_events_older_than_their_retention_that_every_consumer_has_passed_in_batches() {
        placeOrders(5);
        relays.relay().relayOnce();
        relays.statistics().recordOnce();
        shop.clock().advance(Duration.ofDays(7).plusSeconds(1));
        placeOrders(1);
        relays.relay().relayOnce();
        relays.statistics().recordOnce();

        RetentionReport report = relays.retention().retainOnce();

        assertThat(report.events()).isEqualTo(5);
        assertThat(shop.storage().eventsById()).hasSize(1);
        assertThat(relays.administration().status()).allSatisfy(status -> assertThat(status.lag()).isZero());
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items()).as("orders are kept").hasSize(6);
    }

    @Test
    void keeps_old_events_a_consumer_has_not_passed_yet() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.unavailableFor(ids.get(1), 1);
        relays.relay().relayOnce();
        relays.statistics().recordOnce();
        shop.clock().advance(Duration.ofDays(8));

        RetentionReport report = relays.retention().retainOnce();

        assertThat(report.events()).as("only the event the relay delivered").isEqualTo(1);
        assertThat(eventIds()).containsExactly(ids.get(1), ids.get(2));
        shop.clock().advance(Duration.ofSeconds(1));
        relays.relay().relayOnce();
        assertThat(platform.firstAccepted()).containsExactlyElementsOf(ids);
    }

    @Test
    void keeps_events_younger_than_their_retention() {
        placeOrders(2);
        relays.relay().relayOnce();
        relays.statistics().recordOnce();
        shop.clock().advance(Duration.ofDays(6));

        assertThat(relays.retention().retainOnce().events()).isZero();
        assertThat(eventIds()).hasSize(2);
    }

    @Test
    void deletes_dead_letters_older_than_their_retention() {
        placeOrders(3);
        List<Long> ids = eventIds();
        platform.answer(ids.get(0), new Delivery.Poison(422, "refused"));
        relays.relay().relayOnce();
        shop.clock().advance(Duration.ofDays(10));
        placeOrders(1);
        platform.answer(eventIds().getLast(), new Delivery.Poison(422, "refused again"));
        relays.relay().relayOnce();
        shop.clock().advance(Duration.ofDays(21));

        RetentionReport report = relays.retention().retainOnce();

        assertThat(report.deadLetters()).isEqualTo(1);
        assertThat(shop.storage().deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.response()).isEqualTo("refused again");
            assertThat(letter.type()).isEqualTo(OrderEventType.ORDER_COMPLETED);
        });
    }

    @Test
    void deletes_idempotency_records_older_than_their_retention_so_the_key_is_new_again() {
        IdempotencyKey old = new IdempotencyKey(ada, "old");
        IdempotencyKey recent = new IdempotencyKey(ada, "recent");
        claim(old);
        shop.clock().advance(Duration.ofHours(23));
        claim(recent);
        shop.clock().advance(Duration.ofHours(2));

        RetentionReport report = relays.retention().retainOnce();

        assertThat(report.idempotencyKeys()).isEqualTo(1);
        assertThat(claim(old)).as("forgotten").isInstanceOf(IdempotencyClaim.Fresh.class);
        assertThat(claim(recent)).as("still known").isInstanceOf(IdempotencyClaim.Completed.class);
    }

    // --- fixtures

    private IdempotencyClaim claim(IdempotencyKey key) {
        return shop.ports().transactions().inTransaction(() -> {
            IdempotencyClaim claim = shop.ports().idempotencyKeys().claim(key, "fingerprint");
            shop.ports().idempotencyKeys().complete(key, IdempotentOutcome.order(1));
            return claim;
        });
    }

    private void placeOrders(int count) {
        for (int i = 0; i < count; i++) {
            shop.orderBy(ada).item(pen, 1).place();
        }
    }

    private List<Long> eventIds() {
        return List.copyOf(shop.storage().eventsById().keySet());
    }
}
