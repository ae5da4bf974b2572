package dev.orderengine.adapter.out.persistence;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLOutboxMigrationTest extends OutboxMigrationContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.unmigrated(true);

    @Override
    TestDatabase db() {
        return DB;
    }
}
