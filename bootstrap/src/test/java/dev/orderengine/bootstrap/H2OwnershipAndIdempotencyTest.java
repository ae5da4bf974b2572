package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2OwnershipAndIdempotencyTest extends OwnershipAndIdempotencyTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    Map<String, String> durableDatabase(Path dir) {
        return Map.of("ORDERS_DB_URL", "jdbc:h2:file:" + dir.resolve("db/orders").toAbsolutePath());
    }
}
