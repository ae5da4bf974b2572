package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgreSQLOwnershipAndIdempotencyTest extends OwnershipAndIdempotencyTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Map<String, String> durableDatabase(Path dir) {
        return OrderServerIntegrationTest.settings(DB);
    }
}
