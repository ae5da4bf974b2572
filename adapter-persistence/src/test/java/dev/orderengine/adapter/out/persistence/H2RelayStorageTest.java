package dev.orderengine.adapter.out.persistence;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RelayStorageTest extends RelayStorageContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }
}
