package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing in storage (SPEC §5): each transaction is a span, child of the caller's, with the wait for a connection as
 * a child of it; the outbox keeps the trace context of the request that stored an event and hands it to the relay.
 */
abstract class TracingContractTest extends StorageContract {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk telemetry;
    private PersistenceAdapter traced;
    private Tracer tracer;

    @BeforeEach
    void startTracedAdapter() {
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        traced = db().start(UnaryOperator.identity(), telemetry);
        tracer = telemetry.getTracer("test");
    }

    @AfterEach
    void stopTracing() {
        telemetry.close();
    }

    @Test
    void a_transaction_is_a_span_of_the_callers_trace_with_the_wait_for_a_connection_inside() {
        Span request = tracer.spanBuilder("POST /api/v1/orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            traced.transactions().inTransaction(() -> traced.users().nextId());
            traced.transactions().readOnly(() -> traced.products().findById(new ProductId(1)));
        } finally {
            request.end();
        }

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData write = named(finished, "transaction");
        SpanData read = named(finished, "read-only transaction");
        assertThat(List.of(write, read)).allSatisfy(transaction -> {
            assertThat(transaction.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
            assertThat(transaction.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
            assertThat(transaction.getAttributes().get(AttributeKey.stringKey("db.system.name")))
                    .isEqualTo(db().isPostgreSQL() ? "postgresql" : "h2");
            assertThat(transaction.getAttributes().get(AttributeKey.longKey("db.transaction.attempts"))).isEqualTo(1);
        });
        assertThat(finished).filteredOn(span -> span.getName().equals("connection"))
                .extracting(SpanData::getParentSpanId).containsExactlyInAnyOrder(write.getSpanId(), read.getSpanId());
    }

    @Test
    void a_refusal_is_an_answer_and_a_storage_failure_an_error_of_its_transaction_span() {
        assertThatThrownBy(() -> traced.transactions().inTransaction(() -> {
            throw new RejectedException(ErrorCode.OUT_OF_STOCK, "none left");
        })).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> traced.transactions().inTransaction(() -> {
            traced.stock().release(List.of(new StockLine(new ProductId(Long.MAX_VALUE), 1)));
            return null;
        })).isInstanceOf(IllegalStateException.class);

        List<SpanData> transactions = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals("transaction")).toList();
        assertThat(transactions).hasSize(2);
        assertThat(transactions.getFirst().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(transactions.getFirst().getAttributes().get(AttributeKey.stringKey("order.refused"))).isEqualTo("OUT_OF_STOCK");
        assertThat(transactions.getLast().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void the_outbox_keeps_the_trace_context_of_the_request_that_stored_an_event_and_none_when_tracing_is_off() {
        Order order = fixtures().allocatedOrder(fixtures().user(), NOW, fixtures().product(1_000, 10));
        OrderEvent event = new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), NOW);
        Span request = tracer.spanBuilder("POST /api/v1/orders").startSpan();
        long tracedEvent;
        try (Scope ignored = request.makeCurrent()) {
            tracedEvent = traced.transactions().inTransaction(() -> traced.orderEvents().append(event));
        } finally {
            request.end();
        }
        long untracedEvent = tx(() -> adapter().orderEvents().append(event));

        List<PublishedEvent> read = traced.transactions().readOnly(() -> traced.relayPorts().feed().readAfter(RelayPosition.START, 10_000));
        String transaction = named(spans.getFinishedSpanItems(), "transaction", request.getSpanContext().getTraceId()).getSpanId();
        assertThat(published(read, tracedEvent).traceparent()).hasValueSatisfying(traceparent -> assertThat(traceparent)
                .as("the span current while the event was appended: the request's transaction, sampled")
                .startsWith("00-" + request.getSpanContext().getTraceId() + "-" + transaction + "-")
                .matches(".*-0[13]$"));
        assertThat(published(read, untracedEvent).traceparent()).isEmpty();
    }

    private static PublishedEvent published(List<PublishedEvent> events, long id) {
        return events.stream().filter(event -> event.eventId() == id).findFirst().orElseThrow();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no span " + name
                + " in " + spans));
    }

    private static SpanData named(List<SpanData> spans, String name, String traceId) {
        return spans.stream().filter(span -> span.getName().equals(name) && span.getTraceId().equals(traceId)).findFirst().orElseThrow();
    }
}
