package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLOrderStorageTest extends OrderStorageContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Test
    void each_event_keeps_the_id_of_the_transaction_that_wrote_it() throws Exception {
        List<Long> first = appendThreeEvents();
        List<Long> second = appendThreeEvents();

        long firstTx = db().queryLong("SELECT MIN(tx_id) FROM order_events WHERE id IN (?, ?, ?)", first.toArray());
        assertThat(db().queryLong("SELECT COUNT(DISTINCT tx_id) FROM order_events WHERE id IN (?, ?, ?)", first.toArray())).isEqualTo(1);
        assertThat(db().queryLong("SELECT MIN(tx_id) FROM order_events WHERE id IN (?, ?, ?)", second.toArray())).isGreaterThan(firstTx);
    }
}
