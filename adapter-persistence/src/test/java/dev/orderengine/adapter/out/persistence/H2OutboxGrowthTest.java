package dev.orderengine.adapter.out.persistence;

import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 tells the rows a query scanned in {@code EXPLAIN ANALYZE}'s {@code scanCount} comments. */
class H2OutboxGrowthTest extends OutboxGrowthContractTest {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    long touchedBy(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, "EXPLAIN ANALYZE " + sql, parameters);
             ResultSet plan = statement.executeQuery()) {
            plan.next();
            Matcher counts = SCAN_COUNT.matcher(plan.getString(1));
            long scanned = 0;
            while (counts.find()) {
                scanned += Long.parseLong(counts.group(1));
            }
            return scanned;
        }
    }

    @Override
    void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }
}
