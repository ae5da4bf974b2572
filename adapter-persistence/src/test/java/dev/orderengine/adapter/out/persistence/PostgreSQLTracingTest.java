package dev.orderengine.adapter.out.persistence;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLTracingTest extends TracingContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }
}
