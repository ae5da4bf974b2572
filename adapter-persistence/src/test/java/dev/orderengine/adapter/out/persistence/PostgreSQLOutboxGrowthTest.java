package dev.orderengine.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL tells the pages a query touched in {@code EXPLAIN (ANALYZE, BUFFERS)}: shared blocks hit and read. The plan
 * is the generic one a long-running server uses for its prepared statements (the driver prepares a statement after a
 * few runs): it cannot lean on the values of the parameters, so only a condition the index itself bounds keeps it short.
 */
class PostgreSQLOutboxGrowthTest extends OutboxGrowthContractTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    long touchedBy(Connection connection, String sql, Object... parameters) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++next : String.valueOf(c));
        }
        String arguments = Arrays.stream(parameters).map(String::valueOf).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE probe AS " + numbered);
            try (ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE probe(" + arguments + ")")) {
                plan.next();
                JsonNode root = new ObjectMapper().readTree(plan.getString(1)).get(0).get("Plan");
                return root.get("Shared Hit Blocks").asLong() + root.get("Shared Read Blocks").asLong();
            } finally {
                statement.execute("DEALLOCATE probe");
                statement.execute("RESET plan_cache_mode");
                connection.rollback();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected plan", e);
        }
    }

    @Override
    void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE order_events");
        }
        connection.commit();
    }
}
