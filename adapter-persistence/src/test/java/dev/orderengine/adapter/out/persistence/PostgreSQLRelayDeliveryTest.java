package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.relay.RelayPosition;
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
}
