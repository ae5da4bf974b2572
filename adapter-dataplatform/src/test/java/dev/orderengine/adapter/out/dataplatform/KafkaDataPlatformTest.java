package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.dataplatform.testing.KafkaBroker;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real broker (KRaft in a child JVM, see {@link KafkaBroker}): one for the class, a topic per test. */
class KafkaDataPlatformTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** What a deliver may take beyond the timeout: scheduling on a busy machine. */
    private static final Duration SLACK = Duration.ofMillis(1_500);
    private static final int WINDOW = 16;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static KafkaBroker broker;

    private final List<KafkaDataPlatform> platforms = new ArrayList<>();
    private final String topic = "order-events-" + TOPICS.incrementAndGet();

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closePlatforms() {
        platforms.forEach(KafkaDataPlatform::close);
    }

    @Test
    void publishes_every_event_once_keyed_by_its_order_with_id_and_type_headers_and_each_order_in_order() {
        broker.createTopic(topic, 3);
        List<PublishedEvent> events = Events.overOrders(1, 600, 40);

        List<Delivery> results = platform(KafkaProperties.NONE).deliver(events);

        assertThat(results).hasSize(600).allMatch(Delivery.Delivered.class::isInstance);
        List<ConsumerRecord<String, String>> records = broker.records(topic);
        assertThat(records).extracting(KafkaDataPlatformTest::eventId).hasSize(600).doesNotHaveDuplicates();
        Map<Long, PublishedEvent> byId = new HashMap<>();
        events.forEach(event -> byId.put(event.eventId(), event));
        assertThat(records).allSatisfy(record -> {
            PublishedEvent event = byId.get(eventId(record));
            assertThat(record.key()).isEqualTo(Long.toString(event.orderId()));
            assertThat(record.value()).isEqualTo(event.body());
            assertThat(headers(record, "type")).containsExactly(event.type().name());
            assertThat(headers(record, "eventId")).containsExactly(Long.toString(event.eventId()));
        });
        assertEachOrderInOnePartitionInEventOrder(records);
    }

    @Test
    void a_record_carries_the_traceparent_of_its_send_in_the_trace_of_the_request_that_stored_it() {
        broker.createTopic(topic, 1);
        String stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            KafkaDataPlatform platform = new KafkaDataPlatform(KafkaEndpoint.parse(broker.url(topic)), KafkaProperties.NONE, TIMEOUT, WINDOW,
                    DeliveryTracing.with(telemetry));
            platforms.add(platform);

            assertThat(platform.deliver(List.of(DeliveryTracingTest.withTraceparent(Events.ofOrder(5, 50), stored), Events.ofOrder(6, 60))))
                    .allMatch(Delivery.Delivered.class::isInstance);

            SpanData send = spans.getFinishedSpanItems().stream().filter(span -> span.getParentSpanId().equals("b7ad6b7169203331"))
                    .findFirst().orElseThrow();
            assertThat(send.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(send.getName()).isEqualTo("send " + topic);
            List<ConsumerRecord<String, String>> records = broker.records(topic);
            assertThat(headers(records.getFirst(), "traceparent")).singleElement().asString()
                    .startsWith("00-0af7651916cd43dd8448eb211c80319c-" + send.getSpanId() + "-");
            assertThat(headers(records.getLast(), "traceparent")).as("an untraced event starts a trace of its own").singleElement()
                    .asString().doesNotContain("0af7651916cd43dd8448eb211c80319c");
        }
    }

    @Test
    void a_broker_crash_mid_batch_costs_retries_within_the_timeout_and_once_it_is_back_nothing_is_lost() {
        broker.createTopic(topic, 3);
        KafkaDataPlatform platform = platform(KafkaProperties.NONE);
        List<PublishedEvent> events = Events.overOrders(1, 2_000, 100);
        int crashAt = 1_000;

        List<Delivery> first = platform.deliver(new KillsTheBrokerAt(events, crashAt));

        // event 1000 starts only once event 984 has answered: everything before was acknowledged by the live broker
        assertThat(first.subList(0, crashAt - WINDOW + 1)).allMatch(Delivery.Delivered.class::isInstance);
        assertThat(first.getLast()).isInstanceOf(Delivery.Retry.class);
        Set<Long> acknowledgedAtOnce = delivered(events, first);
        List<PublishedEvent> pending = notDelivered(events, first);

        long started = System.nanoTime();
        List<Delivery> whileDown = platform.deliver(pending);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(SLACK));
        assertThat(whileDown).allMatch(Delivery.Retry.class::isInstance);
        // the producer's metadata may or may not have outlived the crash: either no broker answers, or no acknowledgement
        assertThat(((Delivery.Retry) whileDown.getFirst()).reason()).contains("TimeoutException");

        broker.restart();
        deliverUntilDone(platform, pending);

        List<ConsumerRecord<String, String>> records = broker.records(topic);
        assertThat(records).extracting(KafkaDataPlatformTest::eventId).containsAll(ids(events));
        // a repeat is only ever an event that was in flight at the crash, never one acknowledged before
        assertThat(repeatedIds(records)).doesNotContainAnyElementsOf(acknowledgedAtOnce);
        assertEachOrderInOnePartitionInEventOrder(records);
    }

    @Test
    void across_a_clean_broker_restart_the_same_producer_goes_on_and_keeps_what_was_acknowledged() {
        broker.createTopic(topic, 3);
        KafkaDataPlatform platform = platform(KafkaProperties.NONE);
        List<PublishedEvent> before = Events.overOrders(1, 100, 10);
        List<PublishedEvent> after = Events.overOrders(101, 200, 10);
        assertThat(platform.deliver(before)).allMatch(Delivery.Delivered.class::isInstance);

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(platform.deliver(after).getFirst()).isInstanceOf(Delivery.Retry.class);
        broker.restart();
        deliverUntilDone(platform, after);

        List<ConsumerRecord<String, String>> records = broker.records(topic);
        assertThat(records).extracting(KafkaDataPlatformTest::eventId).containsAll(ids(before)).containsAll(ids(after));
        assertThat(repeatedIds(records)).doesNotContainAnyElementsOf(ids(before));
        assertEachOrderInOnePartitionInEventOrder(records);
    }

    @Test
    void a_missing_topic_is_retried_with_that_reason_and_everything_arrives_once_it_is_created() {
        KafkaDataPlatform platform = platform(KafkaProperties.NONE);
        List<PublishedEvent> events = Events.overOrders(1, 20, 5);

        long started = System.nanoTime();
        List<Delivery> results = platform.deliver(events);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(SLACK));
        assertThat(results).hasSize(20).allMatch(Delivery.Retry.class::isInstance);
        assertThat(((Delivery.Retry) results.getFirst()).reason())
                .startsWith("topic " + topic + " does not exist on the broker (" + broker.bootstrapServers());

        broker.createTopic(topic, 3);
        deliverUntilDone(platform, events);

        assertThat(broker.records(topic)).extracting(KafkaDataPlatformTest::eventId).containsExactlyInAnyOrderElementsOf(ids(events));
    }

    @Test
    void a_record_the_broker_refuses_for_good_is_poison_and_the_events_after_it_are_delivered() {
        broker.createTopic(topic, 3, Map.of("max.message.bytes", "2000"));
        PublishedEvent tooLarge = Events.withBody(2, 1002, "{\"eventId\":2,\"padding\":\"" + "x".repeat(5_000) + "\"}");

        List<Delivery> results = platform(KafkaProperties.NONE).deliver(List.of(Events.numbered(1), tooLarge, Events.numbered(3)));

        assertThat(results.get(0)).isInstanceOf(Delivery.Delivered.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(Delivery.Poison.class, poison -> {
            assertThat(poison.status()).isZero();
            assertThat(poison.response()).startsWith("RecordTooLargeException");
        });
        assertThat(results.get(2)).isInstanceOf(Delivery.Delivered.class);
        assertThat(broker.records(topic)).extracting(KafkaDataPlatformTest::eventId).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void applies_the_properties_file_on_top_of_its_own_settings() throws IOException, JMException {
        broker.createTopic(topic, 1);
        Path file = Files.writeString(dir.resolve("kafka.properties"), "client.id=orders-kafka-test\ncompression.type=gzip\n");
        KafkaDataPlatform platform = platform(KafkaProperties.load(file));
        String padding = "{\\\"productId\\\":5,\\\"quantity\\\":2}".repeat(50);
        List<PublishedEvent> events = IntStream.rangeClosed(1, 50)
                .mapToObj(id -> Events.withBody(id, id, "{\"eventId\":" + id + ",\"items\":\"" + padding + "\"}")).toList();

        assertThat(platform.deliver(events)).allMatch(Delivery.Delivered.class::isInstance);

        // the producer registers its metrics under its client id; gzip shrinks these repetitive bodies a lot
        Object compressionRate = ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("kafka.producer:type=producer-metrics,client-id=orders-kafka-test"), "compression-rate-avg");
        assertThat((Double) compressionRate).isBetween(0.0, 0.5);
        assertThat(broker.records(topic)).extracting(ConsumerRecord::value).containsExactlyElementsOf(events.stream().map(PublishedEvent::body).toList());
    }

    @Test
    void answers_within_the_timeout_when_no_broker_listens_and_says_so() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaDataPlatform platform = track(new KafkaDataPlatform(KafkaEndpoint.parse("kafka://127.0.0.1:" + closedPort + "/" + topic),
                KafkaProperties.NONE, TIMEOUT, WINDOW));

        long started = System.nanoTime();
        List<Delivery> results = platform.deliver(Events.numbered(1, 3));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(SLACK));
        assertThat(results).hasSize(3).allMatch(Delivery.Retry.class::isInstance);
        assertThat(((Delivery.Retry) results.getFirst()).reason()).startsWith("no Kafka broker answers at 127.0.0.1:" + closedPort);
    }

    private KafkaDataPlatform platform(KafkaProperties properties) {
        return track(new KafkaDataPlatform(KafkaEndpoint.parse(broker.url(topic)), properties, TIMEOUT, WINDOW));
    }

    private KafkaDataPlatform track(KafkaDataPlatform platform) {
        platforms.add(platform);
        return platform;
    }

    /** What the relay does: offers the events not delivered yet again, after a pause, until all are delivered. */
    private static void deliverUntilDone(KafkaDataPlatform platform, List<PublishedEvent> events) {
        List<PublishedEvent> pending = events;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> reasons = new ArrayList<>();
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime()).as("still not delivered after 60 s: %s", reasons).isLessThan(deadline);
            List<Delivery> results = platform.deliver(pending);
            results.stream().filter(Delivery.Retry.class::isInstance).findFirst().ifPresent(retry -> reasons.add(retry.toString()));
            pending = notDelivered(pending, results);
            if (!pending.isEmpty()) {
                sleep(Duration.ofMillis(200));
            }
        }
    }

    private static List<PublishedEvent> notDelivered(List<PublishedEvent> events, List<Delivery> results) {
        return IntStream.range(0, events.size()).filter(i -> !(results.get(i) instanceof Delivery.Delivered))
                .mapToObj(events::get).toList();
    }

    private static Set<Long> delivered(List<PublishedEvent> events, List<Delivery> results) {
        Set<Long> ids = new HashSet<>();
        IntStream.range(0, events.size()).filter(i -> results.get(i) instanceof Delivery.Delivered)
                .forEach(i -> ids.add(events.get(i).eventId()));
        return ids;
    }

    /**
     * What a receiver that drops repeats sees: all events of an order in one partition, each order's events (first
     * copies) in event order, which for these test events is relay order.
     */
    private static void assertEachOrderInOnePartitionInEventOrder(List<ConsumerRecord<String, String>> records) {
        Map<String, Integer> partitionOfOrder = new HashMap<>();
        Map<String, List<Long>> eventsOfOrder = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(partitionOfOrder.computeIfAbsent(record.key(), key -> record.partition()))
                    .as("partition of order %s", record.key()).isEqualTo(record.partition());
            if (seen.add(eventId(record))) {
                eventsOfOrder.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(eventId(record));
            }
        }
        eventsOfOrder.forEach((order, ids) -> assertThat(ids).as("events of order %s", order).isSorted());
    }

    private static Set<Long> repeatedIds(List<ConsumerRecord<String, String>> records) {
        Set<Long> seen = new HashSet<>();
        Set<Long> repeated = new HashSet<>();
        records.forEach(record -> {
            if (!seen.add(eventId(record))) {
                repeated.add(eventId(record));
            }
        });
        return repeated;
    }

    private static List<Long> ids(List<PublishedEvent> events) {
        return events.stream().map(PublishedEvent::eventId).toList();
    }

    private static long eventId(ConsumerRecord<String, String> record) {
        return Long.parseLong(headers(record, "eventId").getFirst());
    }

    private static List<String> headers(ConsumerRecord<String, String> record, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : record.headers().headers(name)) {
            values.add(new String(header.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A batch that kills the broker when the relay takes up its event {@code at}: a crash with events in flight. */
    private static final class KillsTheBrokerAt extends AbstractList<PublishedEvent> {

        private final List<PublishedEvent> events;
        private final int at;
        private boolean killed;

        KillsTheBrokerAt(List<PublishedEvent> events, int at) {
            this.events = events;
            this.at = at;
        }

        @Override
        public PublishedEvent get(int index) {
            if (index == at && !killed) {
                killed = true;
                broker.kill();
            }
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }
}
