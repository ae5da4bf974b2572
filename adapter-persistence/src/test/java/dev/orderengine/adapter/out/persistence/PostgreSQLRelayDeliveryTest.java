package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.adapter.out.persistence.OutboxProbe.RecordingDataPlatform;
import dev.orderengine.application.relay.RelayAdministration;
import dev.orderengine.application.relay.RelayOrderEvents;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.application.relay.RelayReport;
import dev.orderengine.domain.order.Order;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL writers do not wait for each other; the feed orders by the writing transaction's id and reads only
 * below the oldest transaction still running.
 */
class PostgreSQLRelayDeliveryTest extends RelayDeliveryContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    void checkWhileTheEarlierWriterIsOpen(Future<Long> laterWriter, RelayPosition end) throws Exception {
        laterWriter.get(10, TimeUnit.SECONDS);
        assertThat(readOnly(() -> feed().readAfter(end, 10))).as("events readable past the open transaction").isEmpty();
        assertThat(readOnly(() -> feed().countAfter(end))).as("the lag counts the committed event").isEqualTo(1);
    }

    @Override
    void checkSentWhileAnOlderPaymentWasOpen(List<Long> sentMeanwhile, long eventCommittedMeanwhile) {
        // the committed event's transaction id is above the open payment's: it must wait for it
        assertThat(sentMeanwhile).isEmpty();
    }

    @Override
    long transactionsWaitingForALock() throws SQLException {
        return db().queryLong("SELECT COUNT(*) FROM pg_stat_activity a WHERE a.wait_event_type = 'Lock' "
                + "AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.relation = 'balances'::regclass)");
    }

    /**
     * SPEC §3: a replay never skips an event. A replay from an event committed while a transaction that started earlier
     * (a lower transaction id) is still open must not put the cursor past that transaction's event: the cursor stays
     * where it is, and both events are sent once the earlier one commits.
     */
    @Test
    void a_replay_from_an_event_committed_past_a_transaction_still_open_leaves_the_cursor_and_skips_nothing() throws Exception {
        Order earlierOrder = anAllocatedOrder();
        Order laterOrder = anAllocatedOrder();
        RelayPosition end = startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        RecordingDataPlatform platform = new RecordingDataPlatform();
        RelayOrderEvents relay = relay(platform);
        RelayAdministration administration = new RelayAdministration(adapter().transactions(), feed(), relayPorts().cursors(),
                relayPorts().deadLetters());
        OpenWriter earlier = appendAndHoldOpen(earlierOrder);
        long later = tx(() -> appendCompletedEventOf(laterOrder));
        RelayReport meanwhile = relay.relayOnce();

        boolean moved = administration.replay(RelayOrderEvents.CONSUMER, later);
        earlier.release().countDown();
        long earlierId = earlier.eventId().get(10, TimeUnit.SECONDS);
        relayUntilSent(relay, platform, 2);

        assertThat(meanwhile.delivered()).isZero();
        assertThat(moved).as("the replay's place is past the cursor").isFalse();
        assertThat(cursor(RelayOrderEvents.CONSUMER).position()).isGreaterThan(end);
        assertThat(platform.sent()).as("both sent, the earlier one first").containsExactly(earlierId, later);
    }
}
