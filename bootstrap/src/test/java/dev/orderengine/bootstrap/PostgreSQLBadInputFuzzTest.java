package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLBadInputFuzzTest extends BadInputFuzzTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String databaseName() {
        return "PostgreSQL";
    }
}
