package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.out.dataplatform.testing.KafkaBroker;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.bootstrap.DataPlatformReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server wired to each transport of SPEC §3 by its configuration, on PostgreSQL: HTTP deliveries signed (Standard
 * Webhooks) with every secret of {@code ORDERS_DATAPLATFORM_SECRET}, and a {@code kafka://} URL publishing to a real
 * broker on loopback (one for the class), from one node and from two. The events are completed orders and their
 * refunds; what is sent is what the outbox stored.
 */
class DataPlatformTransportsTest {

    private static final String ADMIN_TOKEN = "transports-test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two keys of 24 bytes, as during a rotation. */
    private static final byte[] KEY_A = "key-a-of-twenty-four-byt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "key-b-of-twenty-four-byt".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private static KafkaBroker broker;

    @TempDir
    Path dataDir;

    @TempDir
    Path secondNodeDir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void signs_every_http_delivery_with_each_secret_over_the_exact_body_at_the_time_of_the_attempt() throws Exception {
        String secrets = "whsec_" + Base64.getEncoder().encodeToString(KEY_A) + " whsec_" + Base64.getEncoder().encodeToString(KEY_B);
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = start(dataDir, "ORDERS_DATAPLATFORM_URL", receiver.uri().toString(), "ORDERS_DATAPLATFORM_SECRET", secrets)) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long order = placeAndRefund(api);
            long before = Instant.now().getEpochSecond();

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "both events are delivered", () -> receiver.received().size() >= 2, receiver::received);

            List<Received> received = receiver.received();
            assertThat(received).extracting(request -> Api.parse(request.body()).path("type").asText())
                    .containsExactly("ORDER_COMPLETED", "ORDER_REFUNDED");
            for (Received request : received) {
                assertThat(request.headers().get("webhook-id")).isEqualTo(request.idempotencyKey());
                long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
                assertThat(timestamp).isBetween(before - 1, Instant.now().getEpochSecond());
                String signed = request.headers().get("webhook-id") + "." + timestamp + "." + request.body();
                assertThat(request.headers().get("webhook-signature")).isEqualTo("v1," + hmac(KEY_A, signed) + " v1," + hmac(KEY_B, signed));
                assertThat(request.body()).isEqualTo(storedBody(Long.parseLong(request.idempotencyKey())));
                assertThat(Api.parse(request.body()).path("order").path("orderId").asLong()).isEqualTo(order);
            }
        }
    }

    @Test
    void publishes_each_event_to_the_kafka_topic_keyed_by_its_order_and_names_a_missing_topic_until_it_exists() throws Exception {
        String topic = "order-events-" + System.nanoTime();
        try (OrderServer server = start(dataDir, "ORDERS_DATAPLATFORM_URL", broker.url(topic))) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long order = placeAndRefund(api);

            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "the relay names the missing topic", () -> dataPlatformRelay(api).path("lastError").asText()
                    .contains("topic " + topic + " does not exist"), () -> dataPlatformRelay(api));
            assertThat(dataPlatformRelay(api).path("lag").asLong()).as("nothing skipped").isEqualTo(2);
            Instant failedBy = Instant.now();
            broker.createTopic(topic, 3);
            Eventually.await(WAIT, "both events are in the topic once it exists", () -> {
                server.scheduler().triggerNow(OrderServer.RELAY_JOB);
                return broker.records(topic).size() >= 2 && dataPlatformRelay(api).path("lag").asLong() == 0;
            }, () -> dataPlatformRelay(api));

            List<ConsumerRecord<String, String>> records = broker.records(topic);
            assertThat(records).hasSize(2).extracting(ConsumerRecord::partition).as("one order, one partition")
                    .containsOnly(records.getFirst().partition());
            assertThat(records).extracting(ConsumerRecord::key).containsOnly(Long.toString(order));
            assertThat(records).extracting(record -> header(record, "type")).containsExactly("ORDER_COMPLETED", "ORDER_REFUNDED");
            for (ConsumerRecord<String, String> record : records) {
                assertThat(record.value()).isEqualTo(storedBody(Long.parseLong(header(record, "eventId"))));
            }
            assertThat(Api.parse(records.getLast().value()).path("refund").path("amount").decimalValue()).isEqualByComparingTo("1000");
            JsonNode relay = dataPlatformRelay(api);
            assertThat(Instant.parse(relay.path("lastDeliveredAt").asText())).as("delivered after the failure, which stays the last error seen")
                    .isAfter(failedBy);
        }
    }

    @Test
    void two_nodes_relaying_to_kafka_miss_no_event_and_repeat_only_those_in_flight_when_one_stops() throws Exception {
        String topic = "two-nodes-" + System.nanoTime();
        broker.createTopic(topic, 3);
        OrderServer nodeA = start(dataDir, "ORDERS_DATAPLATFORM_URL", broker.url(topic), "ORDERS_RELAY_INTERVAL", "200ms");
        try (OrderServer nodeB = start(secondNodeDir, "ORDERS_DATAPLATFORM_URL", broker.url(topic), "ORDERS_RELAY_INTERVAL", "200ms")) {
            Api viaA = Api.at(nodeA.port(), ADMIN_TOKEN);
            Api viaB = Api.at(nodeB.port(), ADMIN_TOKEN);
            long product = viaA.listProduct("Filter", 100, 10_000);
            long user = viaA.registerUser("Bea");
            viaA.charge(user, 1_000_000);
            List<Long> orders = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Api via = i % 2 == 0 || i >= 30 ? viaB : viaA;
                long order = via.placeOrder(user, product, 2, null).get("id").asLong();
                orders.add(order);
                if (i % 3 == 0) {
                    via.refund(order, "{\"items\": [{\"productId\": " + product + ", \"quantity\": 1}]}");
                }
                if (i == 30) {
                    nodeA.close();
                }
            }

            Set<String> stored = new HashSet<>(strings("SELECT id::text FROM order_events WHERE order_id IN ("
                    + orders.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")"));
            Eventually.await(WAIT, "every event of the orders is in the topic", () -> eventIds(broker.records(topic)).containsAll(stored),
                    () -> "missing " + stored.stream().filter(id -> !eventIds(broker.records(topic)).contains(id)).toList());

            List<ConsumerRecord<String, String>> records = broker.records(topic);
            Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(record -> header(record, "eventId"), Collectors.counting()));
            long repeated = copies.values().stream().filter(count -> count > 1).count();
            System.out.printf("Kafka, two nodes: %d events of %d orders, %d records, %d events repeated (node A stopped midway)%n",
                    stored.size(), orders.size(), records.size(), repeated);
            assertThat(copies.keySet()).as("no event missing, none extra").isEqualTo(stored);
            assertThat(copies.values()).as("at most twice each").allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
            assertThat(repeated).as("repeats only of what was in flight when node A stopped").isLessThanOrEqualTo(16);
            for (ConsumerRecord<String, String> record : records) {
                assertThat(record.value()).isEqualTo(storedBody(Long.parseLong(header(record, "eventId"))));
            }
            Map<String, List<Integer>> partitions = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toList())));
            assertThat(partitions.values()).as("each order's events in one partition").allSatisfy(list -> assertThat(Set.copyOf(list)).hasSize(1));
        } finally {
            nodeA.close();
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

    /** A node on the test database, its relay paused (1 h) unless {@code settings} say otherwise. */
    private static OrderServer start(Path dir, String... settings) {
        Map<String, String> config = new HashMap<>(OrderServerIntegrationTest.settings(DB, "ORDERS_HTTP_PORT", "0", "ORDERS_DB_POOL_SIZE",
                "6", "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_RELAY_INTERVAL", "1h"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return OrderServer.start(ServerConfig.from(config), dir, Clock.systemUTC());
    }

    private static JsonNode dataPlatformRelay(Api api) {
        for (JsonNode relay : Api.expect(200, api.adminGet("/api/v1/admin/relays"))) {
            if (relay.path("consumer").asText().equals("dataplatform")) {
                return relay;
            }
        }
        throw new AssertionError("no dataplatform consumer");
    }

    private static Set<String> eventIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> header(record, "eventId")).collect(Collectors.toSet());
    }

    private static String storedBody(long eventId) throws SQLException {
        return (String) DB.queryValue("SELECT snapshot FROM order_events WHERE id = ?", eventId).orElseThrow();
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = DB.adapter().dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            connection.rollback();
            return values;
        }
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
