package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2BadInputFuzzTest extends BadInputFuzzTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String databaseName() {
        return "H2";
    }
}
