package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.bootstrap.DataPlatformReceiver.Received;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One order's trace from its request to the data platform, as the server exports it over OTLP/HTTP to a receiver on
 * loopback that decodes the protobuf spans (SPEC §5): the request's server span, its transactions, and the relay's send
 * of the order's event in the same trace, the data platform receiving the send span's {@code traceparent}.
 */
class TracingOverOtlpTest {

    private static final String ADMIN_TOKEN = "tracing-test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @TempDir
    Path dataDir;

    private final List<ExportedSpan> exported = new CopyOnWriteArrayList<>();
    private final List<String> serviceNames = new CopyOnWriteArrayList<>();
    private HttpServer collector;

    /** A span as exported, its ids in hex. */
    record ExportedSpan(String traceId, String spanId, String parentSpanId, String name, String kind, Map<String, String> attributes,
                        List<String> links, long startNanos, long endNanos) {
    }

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                resource.getResource().getAttributesList().stream().filter(attribute -> attribute.getKey().equals("service.name"))
                        .forEach(attribute -> serviceNames.add(attribute.getValue().getStringValue()));
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> exported.add(new ExportedSpan(hex(span.getTraceId().toByteArray()),
                            hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name(), attributes(span.getAttributesList()),
                            span.getLinksList().stream().map(link -> hex(link.getSpanId().toByteArray())).toList(),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano())));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    @Test
    void an_orders_trace_runs_from_its_request_through_its_transactions_to_the_data_platform() throws Exception {
        Telemetry telemetry = Telemetry.from(Map.of(Telemetry.ENDPOINT, "http://127.0.0.1:" + collector.getAddress().getPort(),
                "OTEL_BSP_SCHEDULE_DELAY", "100"));
        long order;
        Received delivery;
        try (DataPlatformReceiver receiver = DataPlatformReceiver.start();
             OrderServer server = OrderServer.start(ServerConfig.from(OrderServerIntegrationTest.settings(DB, "ORDERS_HTTP_PORT", "0",
                     "ORDERS_ADMIN_TOKEN", ADMIN_TOKEN, "ORDERS_RELAY_INTERVAL", "1h", "ORDERS_DATAPLATFORM_URL", receiver.uri().toString())),
                     dataDir, Clock.systemUTC(), telemetry)) {
            Api api = Api.at(server.port(), ADMIN_TOKEN);
            long product = api.listProduct("Kettle", 1_000, 10);
            long user = api.registerUser("Ada");
            api.charge(user, 10_000);
            order = api.placeOrder(user, product, 2, null).get("id").asLong();
            server.scheduler().triggerNow(OrderServer.RELAY_JOB);
            Eventually.await(WAIT, "the event is delivered", () -> receiver.received().stream().anyMatch(request -> orderOf(request) == order),
                    receiver::received);
            delivery = receiver.received().stream().filter(request -> orderOf(request) == order).findFirst().orElseThrow();
            Eventually.await(WAIT, "the spans of the order and of its delivery are exported", () -> sendSpan(order).isPresent()
                    && serverSpans("POST /api/v1/orders").stream().anyMatch(span -> order == Long.parseLong(span.attributes().get("order.id"))),
                    () -> exported);
        }

        ExportedSpan request = serverSpans("POST /api/v1/orders").stream()
                .filter(span -> order == Long.parseLong(span.attributes().get("order.id"))).findFirst().orElseThrow();
        List<ExportedSpan> trace = exported.stream().filter(span -> span.traceId().equals(request.traceId()))
                .sorted(Comparator.comparingLong(ExportedSpan::startNanos)).toList();
        printTree(trace);
        assertThat(serviceNames).contains("order-engine");
        assertThat(request.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(request.parentSpanId()).as("a root: the client sent no traceparent").isEmpty();
        assertThat(request.attributes()).containsEntry("http.response.status_code", "201").containsEntry("http.route", "/api/v1/orders");
        List<ExportedSpan> transactions = trace.stream().filter(span -> span.name().equals("transaction")).toList();
        assertThat(transactions).as("the order's transaction").hasSize(1)
                .allSatisfy(span -> assertThat(span.parentSpanId()).isEqualTo(request.spanId()));
        assertThat(trace).filteredOn(span -> span.name().equals("connection")).extracting(ExportedSpan::parentSpanId)
                .isSubsetOf(transactions.stream().map(ExportedSpan::spanId).toList());
        ExportedSpan send = sendSpan(order).orElseThrow();
        assertThat(send.traceId()).as("the delivery is in the order's trace").isEqualTo(request.traceId());
        assertThat(send.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(transactions).extracting(ExportedSpan::spanId).as("the send's parent: the transaction that stored the event")
                .contains(send.parentSpanId());
        ExportedSpan job = exported.stream().filter(span -> span.name().equals("job relay") && send.links().contains(span.spanId()))
                .findFirst().orElseThrow(() -> new AssertionError("the send is not linked to a relay run: " + send));
        assertThat(job.traceId()).as("the relay run is a trace of its own").isNotEqualTo(request.traceId());
        assertThat(delivery.headers().get("traceparent")).as("what the data platform receives")
                .startsWith("00-" + request.traceId() + "-" + send.spanId() + "-");
    }

    private List<ExportedSpan> serverSpans(String name) {
        return exported.stream().filter(span -> span.name().equals(name) && span.attributes().containsKey("order.id")).toList();
    }

    private Optional<ExportedSpan> sendSpan(long order) {
        return exported.stream().filter(span -> span.name().startsWith("send ") && Long.toString(order).equals(span.attributes().get("order.id")))
                .findFirst();
    }

    /** The trace as the README shows it: one line per span, indented under its parent, with its duration. */
    private static void printTree(List<ExportedSpan> trace) {
        Map<String, List<ExportedSpan>> children = trace.stream().collect(Collectors.groupingBy(ExportedSpan::parentSpanId));
        List<String> lines = new ArrayList<>();
        trace.stream().filter(span -> trace.stream().noneMatch(parent -> parent.spanId().equals(span.parentSpanId())))
                .forEach(root -> print(root, children, 0, lines));
        System.out.println("TracingOverOtlpTest, trace " + trace.getFirst().traceId() + ":\n" + String.join("\n", lines));
    }

    private static void print(ExportedSpan span, Map<String, List<ExportedSpan>> children, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + span.name() + " [" + span.kind().replace("SPAN_KIND_", "").toLowerCase() + ", "
                + String.format("%.1f ms", (span.endNanos() - span.startNanos()) / 1e6) + "] " + span.attributes());
        children.getOrDefault(span.spanId(), List.of()).forEach(child -> print(child, children, depth + 1, lines));
    }

    private static long orderOf(Received request) {
        return Api.parse(request.body()).path("order").path("orderId").asLong();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, attribute -> attribute.getValue().hasIntValue()
                ? Long.toString(attribute.getValue().getIntValue()) : attribute.getValue().getStringValue()));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
