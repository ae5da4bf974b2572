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
    void events_have_no_transaction_id_on_h2() throws Exception {
        List<Long> ids = appendThreeEvents();

        assertThat(db().queryLong("SELECT COUNT(*) FROM order_events WHERE id IN (?, ?, ?) AND tx_id IS NULL", ids.toArray())).isEqualTo(3);
    }
}
