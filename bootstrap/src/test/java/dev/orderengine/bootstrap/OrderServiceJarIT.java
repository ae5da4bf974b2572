package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.persistence.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as an operator runs it: {@code java -jar order-service.jar} in its own process and working
 * directory, configured by environment variables only, stopped by SIGTERM.
 */
class OrderServiceJarIT {

    private static final Path JAR = Path.of(System.getProperty("orders.jar", "target/order-service.jar")).toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN = Duration.ofSeconds(15);
    /** How the JVM ends on SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path workDir;

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(JAR).as("run 'package' first: the fat jar").isRegularFile();
    }

    @Test
    void serves_orders_on_the_embedded_database_with_demo_data_and_stops_on_sigterm() throws Exception {
        try (Service service = Service.start(workDir, Map.of())) {
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
        String database = "orders_it_" + Instant.now().getEpochSecond() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 1);
        PostgresServer.assumeAvailable();
        execute("CREATE DATABASE " + database);
        try (Service service = Service.start(workDir, Map.of("ORDERS_DB_URL", databaseUrl(database),
                "ORDERS_DB_USER", PostgresServer.user(), "ORDERS_DB_PASSWORD", PostgresServer.password(), "ORDERS_DEMO_DATA", "true"))) {
            service.awaitHealthy();

            placesAnOrderForDemoUserOne(service);
            assertThat(workDir.resolve("data/orders.mv.db")).as("no embedded database").doesNotExist();
            assertThat(service.stdout()).contains("database: PostgreSQL");

            service.stopsOnSigterm();
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void refuses_a_bad_port_with_one_line_naming_the_variable_and_a_failure_exit_code() throws Exception {
        try (Service service = Service.start(workDir, Map.of("ORDERS_HTTP_PORT", "abc"))) {
            assertThat(service.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the process ends by itself").isTrue();

            assertThat(service.process.exitValue()).isNotZero();
            List<String> stderr = service.stderr().lines().toList();
            assertThat(stderr).as("stderr").hasSize(1);
            assertThat(stderr.getFirst()).contains("ORDERS_HTTP_PORT").contains("abc");
            assertThat(workDir.resolve("data")).as("nothing started").doesNotExist();
        }
    }

    private static void placesAnOrderForDemoUserOne(Service service) {
        Api.Answer answer = service.api().post("/api/v1/orders", "{\"userId\":1,\"items\":[{\"productId\":1,\"quantity\":1}]}");
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        JsonNode order = answer.json();
        assertThat(order.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(order.get("userId").asLong()).isEqualTo(1);
        assertThat(order.get("totalAmount").decimalValue()).isEqualByComparingTo("15000");
    }

    private static String databaseUrl(String database) {
        URI server = URI.create(PostgresServer.url().substring("jdbc:".length()));
        try {
            return "jdbc:" + new URI(server.getScheme(), server.getAuthority(), "/" + database, server.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresServer.url(), PostgresServer.user(), PostgresServer.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** One {@code java -jar} process in its own working directory, its output kept in files there. */
    private record Service(Process process, int port, Path stdoutFile, Path stderrFile) implements AutoCloseable {

        static Service start(Path workDir, Map<String, String> settings) throws IOException {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString()).directory(workDir.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("ORDERS_"));
            Map<String, String> environment = new HashMap<>(Map.of("ORDERS_HTTP_PORT", Integer.toString(port)));
            environment.putAll(settings);
            builder.environment().putAll(environment);
            Path stdout = workDir.resolve("stdout.log");
            Path stderr = workDir.resolve("stderr.log");
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            return new Service(builder.start(), port, stdout, stderr);
        }

        Api api() {
            return Api.at(port, null);
        }

        void awaitHealthy() {
            Eventually.await(STARTUP, "GET /health answers 200", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + stdout() + stderr());
                }
                try {
                    return api().get("/health").status() == 200;
                } catch (UncheckedIOException notListeningYet) {
                    return false;
                }
            }, () -> stdout() + stderr());
        }

        /** Sends SIGTERM; the service must end within the bound, after logging its graceful stop. */
        void stopsOnSigterm() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)).as("exits within %s of SIGTERM", SHUTDOWN).isTrue();
            assertThat(process.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
            String log = stdout();
            assertThat(log).contains("Stopping the order service", "Order service stopped");
            assertThat(log.indexOf("Order service stopped")).isGreaterThan(log.indexOf("Stopping the order service"));
        }

        String stdout() {
            return read(stdoutFile);
        }

        String stderr() {
            return read(stderrFile);
        }

        /** Kills what is still running, e.g. after a failed assertion, before the working directory is deleted. */
        @Override
        public void close() {
            process.destroyForcibly().onExit().orTimeout(SHUTDOWN.toSeconds(), TimeUnit.SECONDS).join();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
