package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as an operator runs it: {@code java -jar order-service.jar} in its own process and working
 * directory, configured by environment variables only, stopped by SIGTERM (see {@link ServiceProcess}).
 */
class OrderServiceJarIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(ServiceProcess.JAR).as("run 'package' first: the fat jar").isRegularFile();
    }

    @Test
    void serves_orders_on_the_embedded_database_with_demo_data_and_stops_on_sigterm() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workDir, Map.of())) {
            service.awaitHealthy();

            placesAnOrderForDemoUserOne(service);
            assertThat(workDir.resolve("data/orders.mv.db")).isRegularFile();
            assertThat(workDir.resolve("data/admin.token")).isRegularFile();
            assertThat(service.stdout()).contains("Loaded demo data");

            service.stopsOnSigterm();
        }
    }

    @Test
    void serves_orders_on_a_fresh_postgresql_database_and_stops_on_sigterm() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create();
             ServiceProcess service = ServiceProcess.start(workDir, withDemoData(database.settings()))) {
            service.awaitHealthy();

            placesAnOrderForDemoUserOne(service);
            assertThat(workDir.resolve("data/orders.mv.db")).as("no embedded database").doesNotExist();
            assertThat(service.stdout()).contains("database: PostgreSQL");

            service.stopsOnSigterm();
        }
    }

    @Test
    void refuses_a_bad_port_with_one_line_naming_the_variable_and_a_failure_exit_code() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workDir, Map.of("ORDERS_HTTP_PORT", "abc"))) {
            assertThat(service.process().waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the process ends by itself").isTrue();

            assertThat(service.process().exitValue()).isNotZero();
            List<String> stderr = service.stderr().lines().toList();
            assertThat(stderr).as("stderr").hasSize(1);
            assertThat(stderr.getFirst()).contains("ORDERS_HTTP_PORT").contains("abc");
            assertThat(workDir.resolve("data")).as("nothing started").doesNotExist();
        }
    }

    private static void placesAnOrderForDemoUserOne(ServiceProcess service) {
        Api.Answer answer = service.api().post("/api/v1/orders", "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}]}");
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        JsonNode order = answer.json();
        assertThat(order.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(order.get("userId").asLong()).isEqualTo(1);
        assertThat(order.get("totalAmount").decimalValue()).isEqualByComparingTo("15000");
    }

    private static Map<String, String> withDemoData(Map<String, String> settings) {
        Map<String, String> withDemoData = new HashMap<>(settings);
        withDemoData.put("ORDERS_DEMO_DATA", "true");
        return withDemoData;
    }
}
