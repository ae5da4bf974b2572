package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLRelayStorageTest extends RelayStorageContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    /**
     * Relay order is (transaction id, event id), and a transaction that started earlier may draw a higher event id:
     * a replay from an event must still send every event with an id at least as high, whichever sorts first.
     */
    @Test
    void the_position_before_an_event_also_reads_the_higher_ids_a_transaction_started_earlier_wrote() throws Exception {
        long first = appendAlone(anEvent());
        long second = appendAlone(anEvent());
        // as if the second event's transaction had started (got its id) before the first one's
        db().update("UPDATE order_events SET tx_id = (SELECT tx_id - 1 FROM order_events WHERE id = ?) WHERE id = ?", first, second);

        RelayPosition beforeFirst = readOnly(() -> feed().positionBefore(first)).orElseThrow();

        assertThat(readOnly(() -> feed().readAfter(beforeFirst, 10))).extracting(PublishedEvent::eventId).contains(first, second);
    }
}
