package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2OrderStorageTest extends OrderStorageContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Test
    void events_share_transaction_id_0_on_h2_where_relay_order_is_id_order() throws Exception {
        List<Long> ids = appendThreeEvents();

        assertThat(db().queryLong("SELECT COUNT(*) FROM order_events WHERE id IN (?, ?, ?) AND tx_id = 0", ids.toArray())).isEqualTo(3);
    }
}
