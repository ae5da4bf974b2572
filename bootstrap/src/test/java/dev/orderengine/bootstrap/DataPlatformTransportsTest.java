package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.dataplatform.testing.KafkaBroker;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.bootstrap.DataPlatformReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server wired to each transport of SPEC §3 by its configuration: HTTP deliveries signed (Standard Webhooks) with
 * every secret of {@code ORDERS_DATAPLATFORM_SECRET}, and a {@code kafka://} URL publishing to a real broker on
 * loopback. The events are a completed order and its refund; what is sent is what the outbox stored.
 */
class DataPlatformTransportsTest {

    private static final String ADMIN_TOKEN = "transports-test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two keys of 24 bytes, as during a rotation. */
    private static final byte[] KEY_A = "key-a-of-twenty-four-byt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "key-b-of-twenty-four-byt".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @TempDir
    Path dataDir;

    @Test
    void signs_every_http_delivery_with_each_secret_over_the_exact_body_at_the_time_of_the_attempt() throws Exception {
        String secrets = "whsec_" + Base64.getEncoder().encodeToString(KEY_A) + " whsec_" + Base64.getEncoder().encodeToString(KEY_B);
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = start("ORDERS_DATAPLATFORM_URL", receiver.uri().toString(), "ORDERS_DATAPLATFORM_SECRET", secrets)) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long order = placeAndRefund(api);
            long before = Instant.now().getEpochSecond();

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "both events are delivered", () -> receiver.received().size() >= 2, receiver::received);

            List<Received> received = receiver.received();
            assertThat(received).extracting(request -> Api.parse(request.body()).path("type").asText())
                    .containsExactly("ORDER_COMPLETED", "ORDER_REFUNDED");
            for (Received request : received) {
                assertThat(request.webhook().get("webhook-id")).isEqualTo(request.idempotencyKey());
                long timestamp = Long.parseLong(request.webhook().get("webhook-timestamp"));
                assertThat(timestamp).isBetween(before - 1, Instant.now().getEpochSecond());
                String signed = request.webhook().get("webhook-id") + "." + timestamp + "." + request.body();
                assertThat(request.webhook().get("webhook-signature")).isEqualTo("v1," + hmac(KEY_A, signed) + " v1," + hmac(KEY_B, signed));
                assertThat(request.body()).isEqualTo(DB.queryValue("SELECT snapshot FROM order_events WHERE id = ?",
                        Long.parseLong(request.idempotencyKey())).orElseThrow());
                assertThat(Api.parse(request.body()).path("order").path("orderId").asLong()).isEqualTo(order);
            }
        }
    }

    @Test
    void publishes_each_event_to_the_kafka_topic_keyed_by_its_order_with_its_id_and_type_as_headers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic("order-events", 3);
            try (OrderServer server = start("ORDERS_DATAPLATFORM_URL", broker.url("order-events"))) {
                Api api = Api.at(server.port(), ADMIN_TOKEN);
                long order = placeAndRefund(api);

                server.scheduler().triggerNow(OrderServer.RELAY_JOB);
                Eventually.await(WAIT, "both events are in the topic", () -> broker.records("order-events").size() >= 2,
                        () -> broker.records("order-events"));

                List<ConsumerRecord<String, String>> records = broker.records("order-events");
                assertThat(records).hasSize(2).extracting(ConsumerRecord::partition).as("one order, one partition").containsOnly(
                        records.getFirst().partition());
                assertThat(records).extracting(ConsumerRecord::key).containsOnly(Long.toString(order));
                assertThat(records).extracting(record -> header(record, "type")).containsExactly("ORDER_COMPLETED", "ORDER_REFUNDED");
                for (ConsumerRecord<String, String> record : records) {
                    long eventId = Long.parseLong(header(record, "eventId"));
                    assertThat(record.value()).isEqualTo(DB.queryValue("SELECT snapshot FROM order_events WHERE id = ?", eventId).orElseThrow());
                }
                JsonNode refunded = Api.parse(records.getLast().value());
                assertThat(refunded.path("refund").path("amount").decimalValue()).isEqualByComparingTo("1000");
                Eventually.await(WAIT, "the relay notes the deliveries", () -> {
                    for (JsonNode relay : Api.expect(200, api.adminGet("/api/v1/admin/relays"))) {
                        if (relay.path("consumer").asText().equals("dataplatform")) {
                            return relay.path("lag").asLong() == 0 && relay.path("lastError").isNull();
                        }
                    }
                    return false;
                }, () -> api.adminGet("/api/v1/admin/relays"));
            }
        }
    }

    /** A completed order of two units and the refund of one; the order's id. */
    private static long placeAndRefund(Api api) {
        long product = api.listProduct("Kettle", 1_000, 10);
        long user = api.registerUser("Ada");
        api.charge(user, 10_000);
        long order = api.placeOrder(user, product, 2, null).get("id").asLong();
        api.refund(order, "{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}");
        return order;
    }

    private OrderServer start(String... settings) {
        String[] all = Arrays.copyOf(settings, settings.length + 6);
        System.arraycopy(new String[] {"ORDERS_HTTP_PORT", "0", "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_RELAY_INTERVAL", "1h"}, 0,
                all, settings.length, 6);
        Map<String, String> config = OrderServerIntegrationTest.settings(DB, all);
        return OrderServer.start(ServerConfig.from(config), dataDir, Clock.systemUTC());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hmac(byte[] key, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
