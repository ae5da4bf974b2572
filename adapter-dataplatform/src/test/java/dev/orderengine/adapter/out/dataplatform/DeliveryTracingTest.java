package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A span per delivered event, child of the request that stored it and linked to the relay run, its own context sent to
 * the receiver as {@code traceparent}; with tracing off a stored context passes through as it is. Against a real HTTP
 * receiver on loopback.
 */
class DeliveryTracingTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    /** Event id (the Idempotency-Key) to the traceparent header it came with, "-" for none. */
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            traceparents.put(exchange.getRequestHeaders().getFirst("Idempotency-Key"), traceparent == null ? "-" : traceparent);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        telemetry.close();
    }

    @Test
    void each_delivery_is_a_producer_span_of_the_storing_requests_trace_linked_to_the_relay_run_and_its_context_is_sent() {
        Span request = telemetry.getTracer("test").spanBuilder("POST /api/v1/orders").startSpan();
        request.end();
        String stored = "00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId() + "-01";
        PublishedEvent traced = withTraceparent(Events.ofOrder(7, 70), stored);
        PublishedEvent untraced = Events.ofOrder(8, 80);
        Span relayRun = telemetry.getTracer("test").spanBuilder("job relay").startSpan();

        List<Delivery> answers;
        try (Scope ignored = relayRun.makeCurrent()) {
            answers = platform(DeliveryTracing.with(telemetry)).deliver(List.of(traced, untraced));
        } finally {
            relayRun.end();
        }

        assertThat(answers).allMatch(Delivery.Delivered.class::isInstance);
        SpanData send = sendOf(7);
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getName()).isEqualTo("send " + uri());
        assertThat(send.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(send.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(send.getLinks()).extracting(link -> link.getSpanContext().getSpanId()).containsExactly(relayRun.getSpanContext().getSpanId());
        assertThat(send.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(70);
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("http");
        assertThat(send.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(traceparents.get("7")).as("the receiver continues from the send span")
                .startsWith("00-" + send.getTraceId() + "-" + send.getSpanId() + "-");
        SpanData alone = sendOf(8);
        assertThat(alone.getParentSpanContext().isValid()).as("an event stored outside a trace starts its own").isFalse();
        assertThat(traceparents.get("8")).startsWith("00-" + alone.getTraceId() + "-" + alone.getSpanId() + "-");
    }

    @Test
    void a_delivery_to_be_retried_or_refused_marks_its_span_as_an_error() {
        status = 503;
        platform(DeliveryTracing.with(telemetry)).deliver(List.of(Events.ofOrder(1, 10)));
        status = 422;
        platform(DeliveryTracing.with(telemetry)).deliver(List.of(Events.ofOrder(2, 20)));

        assertThat(sendOf(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(sendOf(1).getStatus().getDescription()).isEqualTo("retry: HTTP 503");
        assertThat(sendOf(2).getStatus().getDescription()).isEqualTo("refused for good: 422");
    }

    @Test
    void with_tracing_off_a_stored_context_is_sent_as_it_is_and_none_without_one() {
        String stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        platform(DeliveryTracing.OFF).deliver(List.of(withTraceparent(Events.ofOrder(3, 30), stored), Events.ofOrder(4, 40)));

        assertThat(traceparents).containsEntry("3", stored).containsEntry("4", "-");
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private HttpDataPlatform platform(DeliveryTracing tracing) {
        return new HttpDataPlatform(uri(), Duration.ofSeconds(2), Duration.ofSeconds(5), 16,
                WebhookSecrets.NONE, Clock.systemUTC(), tracing);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    private SpanData sendOf(long eventId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> String.valueOf(eventId).equals(span.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .findFirst().orElseThrow(() -> new AssertionError("no send span of event " + eventId + " in " + spans.getFinishedSpanItems()));
    }

    static PublishedEvent withTraceparent(PublishedEvent event, String traceparent) {
        return new PublishedEvent(event.eventId(), event.position(), event.orderId(), event.type(), event.occurredAt(), event.body(),
                Optional.of(traceparent));
    }
}
