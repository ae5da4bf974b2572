package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ORDERS_KAFKA_PROPERTIES and the producer's own settings; no broker needed (a producer connects on first use). */
class KafkaSettingsTest {

    private static final KafkaEndpoint ENDPOINT = KafkaEndpoint.parse("kafka://127.0.0.1:1,127.0.0.2:2/orders");

    @TempDir
    Path dir;

    @Test
    void reads_a_properties_file() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                # TLS to the brokers
                security.protocol=SSL
                ssl.truststore.location=/etc/orders/truststore.p12
                compression.type = zstd
                """);

        assertThat(KafkaProperties.load(file).settings()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SSL",
                "ssl.truststore.location", "/etc/orders/truststore.p12", "compression.type", "zstd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acks", "enable.idempotence", "key.serializer", "value.serializer", "bootstrap.servers",
            "transactional.id", "partitioner.class", "partitioner.ignore.keys", "max.block.ms", "request.timeout.ms",
            "delivery.timeout.ms"})
    void refuses_to_override_what_the_contract_fixes(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new KafkaProperties(Map.of(name, "1", "client.id", "x")))
                .withMessageStartingWith(name + " cannot be overridden: ")
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_file_that_overrides_acks_is_refused_naming_the_file_and_the_setting() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"), "compression.type=lz4\nacks=1\n");

        assertThatIllegalArgumentException().isThrownBy(() -> KafkaProperties.load(file))
                .withMessage(file + ": acks cannot be overridden: delivered means acknowledged by every in-sync replica (acks=all)");
    }

    @Test
    void a_file_that_cannot_be_read_is_refused_naming_it() {
        Path missing = dir.resolve("missing.properties");

        assertThatIllegalArgumentException().isThrownBy(() -> KafkaProperties.load(missing))
                .withMessageStartingWith(missing + ": cannot be read (NoSuchFileException");
    }

    @Test
    void the_contract_settings_come_from_the_url_and_the_timeouts_from_the_relay_timeout() {
        Map<String, Object> settings = KafkaDataPlatform.producerSettings(ENDPOINT,
                new KafkaProperties(Map.of("linger.ms", "20", "client.id", "orders-eu")), Duration.ofSeconds(3));

        assertThat(settings).containsEntry("bootstrap.servers", "127.0.0.1:1,127.0.0.2:2")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("key.serializer", ByteArraySerializer.class)
                .containsEntry("value.serializer", ByteArraySerializer.class)
                .containsEntry("client.id", "orders-eu")
                .containsEntry("linger.ms", "20")
                // half the budget for the metadata, so that a missing topic can still be looked up within the rest
                .containsEntry("max.block.ms", 1_500L)
                .containsEntry("delivery.timeout.ms", 3_000)
                // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
                .containsEntry("request.timeout.ms", 2_980);
    }

    @Test
    void by_default_the_producer_is_named_and_does_not_linger() {
        assertThat(KafkaDataPlatform.producerSettings(ENDPOINT, KafkaProperties.NONE, Duration.ofMillis(200)))
                .containsEntry("client.id", "orders-dataplatform")
                .containsEntry("linger.ms", "0")
                .containsEntry("request.timeout.ms", 200);
    }

    @Test
    void a_real_producer_accepts_the_derived_timeouts_even_with_a_long_linger() {
        List<Map<String, Object>> made = new ArrayList<>();
        KafkaProperties lingering = new KafkaProperties(Map.of("linger.ms", "150"));

        // KafkaProducer refuses delivery.timeout.ms < linger.ms + request.timeout.ms with a ConfigException
        new KafkaDataPlatform(ENDPOINT, lingering, Duration.ofMillis(200), 16, settings -> {
            made.add(settings);
            return new KafkaProducer<>(settings);
        }).close();

        assertThat(made).singleElement().satisfies(settings -> assertThat(settings)
                .containsEntry("delivery.timeout.ms", 200).containsEntry("request.timeout.ms", 50));
    }

    @Test
    void a_value_kafka_refuses_stops_the_start_naming_the_setting() {
        KafkaProperties bogus = new KafkaProperties(Map.of("compression.type", "brotli"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KafkaDataPlatform(ENDPOINT, bogus, Duration.ofSeconds(5), 16))
                .withMessageContaining("compression.type")
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("\n"));
    }

    @Test
    void linger_must_leave_room_within_the_timeout() {
        KafkaProperties slow = new KafkaProperties(Map.of("linger.ms", "5000"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KafkaDataPlatform(ENDPOINT, slow, Duration.ofSeconds(2), 16))
                .withMessage("linger.ms (5000 ms) must be shorter than ORDERS_DATAPLATFORM_TIMEOUT (2000 ms)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KafkaDataPlatform(ENDPOINT, new KafkaProperties(Map.of("linger.ms", "soon")), Duration.ofSeconds(2), 16))
                .withMessage("linger.ms must be a number of milliseconds, got 'soon'");
    }
}
