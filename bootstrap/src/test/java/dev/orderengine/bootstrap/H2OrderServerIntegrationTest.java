package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2OrderServerIntegrationTest extends OrderServerIntegrationTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @RegisterExtension
    static final TestDatabase EMPTY_DB = TestDatabase.h2();

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
        return Map.of("ORDERS_DB_URL", "jdbc:h2:file:" + dir.resolve("db/orders").toAbsolutePath());
    }

    @Override
    boolean demoDataByDefault() {
        return true;
    }
}
