package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.adapter.out.persistence.OutboxProbe.RecordingDataPlatform;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.application.relay.RelayOrderEvents;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.Order;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On H2 the writers of events take turns (a row lock on outbox_writers), so relay order is commit order. */
class H2RelayDeliveryTest extends RelayDeliveryContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void checkWhileTheEarlierWriterIsOpen(Future<Long> laterWriter, RelayPosition end) throws Exception {
        Thread.sleep(BLOCKED_FOR.toMillis());
        assertThat(laterWriter).as("the later writer waits for its turn").isNotDone();
        assertThat(readOnly(() -> feed().readAfter(end, 10))).isEmpty();
    }

    @Override
    void checkSentWhileAnOlderPaymentWasOpen(List<Long> sentMeanwhile, long eventCommittedMeanwhile) {
        // the open payment had not appended yet, so it draws a later id: relaying the committed event skips nothing
        assertThat(sentMeanwhile).containsExactly(eventCommittedMeanwhile);
    }

    @Override
    long transactionsWaitingForALock() throws SQLException {
        return db().queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
    }

    @Test
    void a_writer_that_does_not_get_its_turn_in_time_fails_as_unavailable_and_stores_no_event() throws Exception {
        PersistenceAdapter impatient = db().start(settings -> new DatabaseSettings(settings.jdbcUrl() + ";LOCK_TIMEOUT=300",
                settings.user(), settings.password(), 2, settings.connectionTimeout()));
        Order earlierOrder = anAllocatedOrder();
        Order laterOrder = anAllocatedOrder();
        startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        RecordingDataPlatform platform = new RecordingDataPlatform();
        OpenWriter earlier = appendAndHoldOpen(earlierOrder);
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.transactions().inTransaction(() -> appendCompletedEventOf(impatient, laterOrder)))
                .isInstanceOf(StorageUnavailableException.class);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        earlier.release().countDown();
        long earlierId = earlier.eventId().get(10, TimeUnit.SECONDS);
        relay(platform).relayOnce();

        assertThat(waitedMillis).isBetween(250L, 5_000L);
        assertThat(db().queryLong("SELECT COUNT(*) FROM order_events WHERE order_id = ?", laterOrder.id().value())).isZero();
        assertThat(platform.sent()).containsExactly(earlierId);
    }
}
