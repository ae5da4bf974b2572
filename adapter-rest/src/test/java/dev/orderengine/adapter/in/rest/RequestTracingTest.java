package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** A server span per request, named by its route, with its status and order, and its ids in the access log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestTracingTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    private OpenTelemetrySdk telemetry;
    private TestApi api;
    private Level levelBefore;

    @BeforeAll
    void start() {
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        api = new TestApi(telemetry);
        accessLog.start();
        Logger access = (Logger) LoggerFactory.getLogger("dev.orderengine.adapter.in.rest.access");
        levelBefore = access.getLevel();
        access.setLevel(Level.INFO);
        access.addAppender(accessLog);
    }

    @AfterAll
    void stop() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.orderengine.adapter.in.rest.access");
        access.detachAppender(accessLog);
        access.setLevel(levelBefore);
        api.close();
        telemetry.close();
    }

    @BeforeEach
    void forget() {
        spans.reset();
        accessLog.list.clear();
    }

    @Test
    void an_order_request_is_one_server_span_named_by_its_route_with_its_order_and_status() {
        long user = api.userWithBalance("100000");
        long product = api.product("1000", 10);
        spans.reset();

        Response placed = api.post("/api/v1/orders", TestApi.orderBody(user, product, 1));

        SpanData span = serverSpan("POST /api/v1/orders");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/api/v1/orders");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(201);
        assertThat(span.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(placed.json().path("id").asLong());
        assertThat(span.getAttributes().get(AttributeKey.stringKey("request.id"))).isEqualTo(placed.header("X-Request-Id"));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(lastAccessLine()).endsWith(placed.header("X-Request-Id") + " " + span.getTraceId());
    }

    @Test
    void a_refused_payment_names_its_order_and_code_and_a_caller_traceparent_makes_the_span_its_child() {
        long user = api.userWithBalance("1");
        long product = api.product("1000", 10);
        String caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        spans.reset();

        Response refused = api.post("/api/v1/orders", TestApi.orderBody(user, product, 1), "traceparent", caller);

        SpanData span = serverSpan("POST /api/v1/orders");
        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("problem.code"))).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(span.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(refused.json().path("orderId").asLong());
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(409);
    }

    @Test
    void a_failure_of_the_server_is_an_error_span_and_an_unknown_path_a_span_of_its_method() {
        api.plantedFailure.set(new IllegalStateException("boom"));
        api.get("/api/v1/orders/1");
        api.get("/no/such/path");

        SpanData failed = serverSpan("GET /api/v1/orders/{id}");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500);
        assertThat(failed.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(1);
        assertThat(serverSpan("GET").getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404);
    }

    private SpanData serverSpan(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<SpanData> named = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
            if (!named.isEmpty()) {
                return named.getLast();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems());
    }

    private String lastAccessLine() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (accessLog.list.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return List.copyOf(accessLog.list).getLast().getFormattedMessage();
    }
}
