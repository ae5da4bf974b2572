package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
    /** Long enough to look at the draining server without a race, short enough for the suite. */
    private static final String DRAIN_DELAY = "3s";

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
            assertThat(service.api().get("/docs/swagger-ui-bundle.js").status()).as("Swagger UI inside the fat jar").isEqualTo(200);

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
    void on_sigterm_reports_not_ready_while_it_still_serves_for_the_drain_delay_and_only_then_refuses_connections()
            throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workDir, Map.of("ORDERS_DRAIN_DELAY", DRAIN_DELAY))) {
            service.awaitHealthy();
            Api api = service.api();
            assertThat(api.get("/health/ready").status()).isEqualTo(200);

            long sigtermAt = System.nanoTime();
            service.sigterm();
            Eventually.await(Duration.ofSeconds(5), "/health/ready answers 503 after SIGTERM",
                    () -> api.get("/health/ready").status() == 503, service::stdout);
            long notReadyAt = System.nanoTime();

            Api.Answer ready = api.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(ready.json().get("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(ready.json().get("detail").asText()).isEqualTo("the server is stopping");
            assertThat(api.get("/health").status()).as("/health answers as ready").isEqualTo(503);
            assertThat(api.get("/health/live").status()).as("live while draining").isEqualTo(200);
            placesAnOrderForDemoUserOne(service);
            assertThat(acceptsConnections(service.port())).as("still accepting connections after the order").isTrue();
            long servedUntil = System.nanoTime();

            Eventually.await(Duration.ofSeconds(15), "connections refused once the drain delay is over",
                    () -> !acceptsConnections(service.port()), service::stdout);
            long refusedAt = System.nanoTime();
            service.exitsAfterSigterm();
            System.out.printf("drain on SIGTERM (ORDERS_DRAIN_DELAY=%s): /health/ready 503 after %d ms, live 200 and an order "
                            + "placed until %d ms, connections refused after %d ms%n", DRAIN_DELAY, millis(sigtermAt, notReadyAt),
                    millis(sigtermAt, servedUntil), millis(sigtermAt, refusedAt));
        }
    }

    @Test
    void logs_one_json_object_per_line_with_the_request_id_when_told_to() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(workDir, Map.of("ORDERS_LOG_FORMAT", "json"))) {
            service.awaitHealthy();
            Api.Answer placed = service.api().post("/api/v1/orders", "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}]}");
            String requestId = placed.response().headers().firstValue("X-Request-Id").orElseThrow();
            Eventually.await(Duration.ofSeconds(5), "the order's access line is logged", () -> service.stdout().contains(requestId),
                    service::stdout);
            service.stopsOnSigterm();

            List<JsonNode> lines = service.stdout().lines().map(Api::parse).toList();
            assertThat(lines).as("every line an object with time, level, logger and message").isNotEmpty().allSatisfy(line -> {
                assertThat(line.path("timestamp").isNumber()).isTrue();
                assertThat(line.path("level").asText()).isNotBlank();
                assertThat(line.path("loggerName").asText()).isNotBlank();
                assertThat(line.has("formattedMessage")).isTrue();
            });
            assertThat(lines).as("start-up and stop lines too").anySatisfy(line ->
                    assertThat(line.path("formattedMessage").asText()).startsWith("Order service listening on"))
                    .anySatisfy(line -> assertThat(line.path("formattedMessage").asText()).isEqualTo("Order service stopped"));
            JsonNode access = lines.stream().filter(line -> line.path("formattedMessage").asText().startsWith("POST /api/v1/orders 201"))
                    .findFirst().orElseThrow();
            assertThat(access.path("mdc").path("requestId").asText()).isEqualTo(requestId);
            assertThat(access.path("mdc").path("traceId").asText()).as("tracing is off").isEqualTo("-");
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

    /** Whether a new TCP connection to the port is accepted (a pooled HTTP connection could outlive the connector). */
    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }

    private static Map<String, String> withDemoData(Map<String, String> settings) {
        Map<String, String> withDemoData = new HashMap<>(settings);
        withDemoData.put("ORDERS_DEMO_DATA", "true");
        return withDemoData;
    }
}
