package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLOrderServerIntegrationTest extends OrderServerIntegrationTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @RegisterExtension
    static final TestDatabase EMPTY_DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    TestDatabase emptyDb() {
        return EMPTY_DB;
    }

    @Override
    Map<String, String> durableDatabase(Path dir) {
        return settings(DB);
    }

    @Override
    boolean demoDataByDefault() {
        return false;
    }
}
