package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.adapter.out.dataplatform.KafkaProperties;
import dev.orderengine.adapter.out.dataplatform.WebhookSecrets;
import dev.orderengine.bootstrap.ServerConfig.DataPlatformTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void defaults_to_the_embedded_database_and_the_spec_values() {
        ServerConfig config = ServerConfig.from(Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:file:./data/orders");
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.dbPoolSize()).isEqualTo(16);
        assertThat(config.httpConcurrency()).isEqualTo(16);
        assertThat(config.dataPlatform()).isEmpty();
        assertThat(config.dataPlatformSecrets().isEmpty()).isTrue();
        assertThat(config.kafkaProperties()).isEqualTo(KafkaProperties.NONE);
        assertThat(config.dataPlatformTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.relayInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.relayBatchSize()).isEqualTo(500);
        assertThat(config.reservationTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.demoData()).isEmpty();
        assertThat(config.eventRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.deadLetterRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.idempotencyRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.drainDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "TTL {0} -> every {1}")
    @CsvSource({"15m, PT30S", "2m, PT30S", "1m, PT15S", "8s, PT2S", "3s, PT1S", "500ms, PT1S"})
    void looks_for_expired_reservations_four_times_per_ttl_between_one_and_thirty_seconds(String ttl, Duration interval) {
        ServerConfig config = ServerConfig.from(Map.of("ORDERS_RESERVATION_TTL", ttl));

        assertThat(config.expiryInterval()).isEqualTo(interval);
    }

    @Test
    void reads_every_variable() {
        ServerConfig config = ServerConfig.from(Map.ofEntries(
                Map.entry("ORDERS_HTTP_PORT", "9090"),
                Map.entry("ORDERS_HTTP_CONCURRENCY", "32"),
                Map.entry("ORDERS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/orders"),
                Map.entry("ORDERS_DB_USER", "orders"),
                Map.entry("ORDERS_DB_PASSWORD", "secret"),
                Map.entry("ORDERS_DB_POOL_SIZE", "8"),
                Map.entry("ORDERS_DATAPLATFORM_URL", "https://data.example/events"),
                Map.entry("ORDERS_DATAPLATFORM_TIMEOUT", "1500ms"),
                Map.entry("ORDERS_RELAY_INTERVAL", "500ms"),
                Map.entry("ORDERS_RELAY_BATCH_SIZE", "100"),
                Map.entry("ORDERS_RESERVATION_TTL", "PT2H"),
                Map.entry("ORDERS_ADMIN_TOKEN", "a-long-enough-admin-token"),
                Map.entry("ORDERS_EVENT_RETENTION", "3d"),
                Map.entry("ORDERS_DEAD_LETTER_RETENTION", "90d"),
                Map.entry("ORDERS_IDEMPOTENCY_RETENTION", "48h"),
                Map.entry("ORDERS_DRAIN_DELAY", "5s")));

        assertThat(config).isEqualTo(new ServerConfig(9090, 32, "jdbc:postgresql://127.0.0.1:5432/orders", "orders", "secret", 8,
                Optional.of(new DataPlatformTarget.Http(URI.create("https://data.example/events"))), WebhookSecrets.NONE, KafkaProperties.NONE,
                Duration.ofMillis(1500), Duration.ofMillis(500), 100, Duration.ofHours(2),
                Optional.of("a-long-enough-admin-token"), Optional.empty(), Duration.ofDays(3), Duration.ofDays(90), Duration.ofHours(48),
                Duration.ofSeconds(5)));
        assertThat(config.embeddedDatabase()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "ORDERS_HTTP_PORT, abc",
            "ORDERS_HTTP_PORT, 70000",
            "ORDERS_HTTP_CONCURRENCY, -1",
            "ORDERS_DB_URL, jdbc:mysql://localhost/orders",
            "ORDERS_DB_POOL_SIZE, 0",
            "ORDERS_DATAPLATFORM_URL, ftp://data.example",
            "ORDERS_DATAPLATFORM_URL, not a url",
            "ORDERS_DATAPLATFORM_URL, kafka://broker:9092",
            "ORDERS_DATAPLATFORM_URL, kafka://broker/orders",
            "ORDERS_DATAPLATFORM_SECRET, not-a-secret",
            "ORDERS_KAFKA_PROPERTIES, /no/such/file.properties",
            "ORDERS_LOG_FORMAT, yaml",
            "ORDERS_DATAPLATFORM_TIMEOUT, 5 seconds",
            "ORDERS_DATAPLATFORM_TIMEOUT, 0ms",
            "ORDERS_RELAY_INTERVAL, 10 seconds",
            "ORDERS_RELAY_INTERVAL, 0s",
            "ORDERS_RELAY_BATCH_SIZE, -1",
            "ORDERS_RESERVATION_TTL, forever",
            "ORDERS_ADMIN_TOKEN, short",
            "ORDERS_DEMO_DATA, yes",
            "ORDERS_EVENT_RETENTION, a week",
            "ORDERS_DEAD_LETTER_RETENTION, 0d",
            "ORDERS_IDEMPOTENCY_RETENTION, -1h",
            "ORDERS_IDEMPOTENCY_RETENTION, 10m",
            "ORDERS_DRAIN_DELAY, 2 seconds",
            "ORDERS_DRAIN_DELAY, PT-1S"})
    void refuses_a_bad_value_with_one_line_naming_the_variable(String variable, String value) {
        assertThatThrownBy(() -> ServerConfig.from(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_kafka_url_names_the_brokers_and_the_topic() {
        ServerConfig config = ServerConfig.from(Map.of("ORDERS_DATAPLATFORM_URL", "kafka://k1:9092,k2:9093/order-events"));

        assertThat(config.dataPlatform()).containsInstanceOf(DataPlatformTarget.Kafka.class);
        DataPlatformTarget.Kafka kafka = (DataPlatformTarget.Kafka) config.dataPlatform().orElseThrow();
        assertThat(kafka.endpoint().bootstrapServers()).containsExactly("k1:9092", "k2:9093");
        assertThat(kafka.endpoint().topic()).isEqualTo("order-events");
    }

    @Test
    void reads_the_kafka_producer_settings_file_for_a_kafka_url_only(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), "compression.type=gzip\n");
        Map<String, String> kafka = Map.of("ORDERS_DATAPLATFORM_URL", "kafka://k1:9092/orders", "ORDERS_KAFKA_PROPERTIES", file.toString());

        assertThat(ServerConfig.from(kafka).kafkaProperties().settings()).containsEntry("compression.type", "gzip");
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_KAFKA_PROPERTIES", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ORDERS_KAFKA_PROPERTIES: applies to a kafka:// ORDERS_DATAPLATFORM_URL only");
        Path overriding = Files.writeString(dir.resolve("acks.properties"), "acks=1\n");
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_DATAPLATFORM_URL", "kafka://k1:9092/orders",
                "ORDERS_KAFKA_PROPERTIES", overriding.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ORDERS_KAFKA_PROPERTIES: ").hasMessageContaining("acks cannot be overridden");
    }

    @Test
    void signs_http_deliveries_with_the_secrets_and_refuses_them_for_any_other_sink() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Map<String, String> http = Map.of("ORDERS_DATAPLATFORM_URL", "https://data.example/events", "ORDERS_DATAPLATFORM_SECRET", secret);

        assertThat(ServerConfig.from(http).dataPlatformSecrets().isEmpty()).isFalse();
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_DATAPLATFORM_SECRET", secret)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ORDERS_DATAPLATFORM_SECRET: signs HTTP deliveries only, but ORDERS_DATAPLATFORM_URL is unset (the JSONL file)");
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_DATAPLATFORM_URL", "kafka://k1:9092/orders",
                "ORDERS_DATAPLATFORM_SECRET", secret)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a Kafka topic");
    }

    @Test
    void never_shows_a_malformed_secret_in_its_error() {
        String almost = "whsec_not*base64*at*all*but*secret";

        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_DATAPLATFORM_URL", "https://data.example/events",
                "ORDERS_DATAPLATFORM_SECRET", almost)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ORDERS_DATAPLATFORM_SECRET: ")
                .hasMessageNotContaining("not*base64");
    }

    @Test
    void keeps_idempotency_records_at_least_as_long_as_a_reservation() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of("ORDERS_RESERVATION_TTL", "2h", "ORDERS_IDEMPOTENCY_RETENTION", "1h")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ORDERS_IDEMPOTENCY_RETENTION: must be at least ORDERS_RESERVATION_TTL (PT2H), got PT1H");
        assertThat(ServerConfig.from(Map.of("ORDERS_RESERVATION_TTL", "2h", "ORDERS_IDEMPOTENCY_RETENTION", "2h"))
                .idempotencyRetention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void serves_as_many_api_requests_at_once_as_there_are_pooled_connections_unless_told_otherwise() {
        assertThat(ServerConfig.from(Map.of("ORDERS_DB_POOL_SIZE", "8")).httpConcurrency()).isEqualTo(8);
        assertThat(ServerConfig.from(Map.of("ORDERS_DB_POOL_SIZE", "8", "ORDERS_HTTP_CONCURRENCY", "0")).httpConcurrency()).isZero();
    }

    @Test
    void connects_within_2_seconds_or_the_data_platform_timeout_if_shorter() {
        assertThat(OrderServer.connectTimeout(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(2));
        assertThat(OrderServer.connectTimeout(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_drain_delay_of_zero_stops_without_draining() {
        assertThat(ServerConfig.from(Map.of("ORDERS_DRAIN_DELAY", "0s")).drainDelay()).isZero();
        assertThat(ServerConfig.from(Map.of("ORDERS_DRAIN_DELAY", "750ms")).drainDelay()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void blank_values_mean_the_default() {
        assertThat(ServerConfig.from(Map.of("ORDERS_HTTP_PORT", " ")).httpPort()).isEqualTo(8080);
    }

    @Test
    void the_environment_overrides_the_properties_file(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("orders.properties"),
                "ORDERS_HTTP_PORT=7000\nORDERS_RELAY_BATCH_SIZE=42\n");

        Map<String, String> settings = Main.settings(Map.of("ORDERS_CONFIG_FILE", file.toString(), "ORDERS_HTTP_PORT", "7001", "HOME", "/root"));

        assertThat(settings).containsEntry("ORDERS_HTTP_PORT", "7001").containsEntry("ORDERS_RELAY_BATCH_SIZE", "42").doesNotContainKey("HOME");
        assertThatThrownBy(() -> Main.settings(Map.of("ORDERS_CONFIG_FILE", dir.resolve("missing").toString())))
                .hasMessageStartingWith("ORDERS_CONFIG_FILE: ");
    }
}
