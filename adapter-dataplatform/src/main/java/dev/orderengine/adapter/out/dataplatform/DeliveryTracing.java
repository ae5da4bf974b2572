package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.SendWindow;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One span per event a transport sends (SPEC §5): {@code send <destination>}, a producer span whose parent is the
 * request that stored the event (the event's {@code traceparent}), so that the order's trace reaches the data platform,
 * linked to the relay run that sent it. It ends with the event's answer. The transport sends the span's own
 * {@code traceparent} with the event (an HTTP header, a Kafka header), so that the receiver's work joins the trace.
 * With tracing off the stored {@code traceparent}, if any, is sent as it is.
 */
public final class DeliveryTracing {

    /** No spans; a stored {@code traceparent} is sent as it is. */
    public static final DeliveryTracing OFF = new DeliveryTracing(OpenTelemetry.noop());

    static final String TRACEPARENT = "traceparent";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("order.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("order.event.type");
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<Map<String, String>> INTO_MAP = (carrier, key, value) -> carrier.put(key, value);

    private final Tracer tracer;

    private DeliveryTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(DeliveryTracing.class.getPackageName());
    }

    public static DeliveryTracing with(OpenTelemetry telemetry) {
        return new DeliveryTracing(Objects.requireNonNull(telemetry, "telemetry"));
    }

    /**
     * Wraps a transport's {@code send}, which receives the event and the {@code traceparent} to send with it (empty: send
     * none), into the send function of {@link dev.orderengine.application.relay.SendWindow}.
     *
     * @param system      {@code http} or {@code kafka}
     * @param destination the endpoint or topic
     */
    Function<PublishedEvent, CompletableFuture<Delivery>> around(String system, String destination,
                                                                 BiFunction<PublishedEvent, Optional<String>, CompletableFuture<Delivery>> send) {
        return event -> {
            Context stored = event.traceparent()
                    .map(traceparent -> W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP))
                    .orElse(Context.root());
            Span relayRun = Span.current();
            var builder = tracer.spanBuilder("send " + destination).setSpanKind(SpanKind.PRODUCER).setParent(stored)
                    .setAttribute(SYSTEM, system).setAttribute(DESTINATION, destination)
                    .setAttribute(MESSAGE_ID, Long.toString(event.eventId())).setAttribute(ORDER_ID, event.orderId())
                    .setAttribute(EVENT_TYPE, event.type().name());
            if (relayRun.getSpanContext().isValid()) {
                builder.addLink(relayRun.getSpanContext());
            }
            Span span = builder.startSpan();
            CompletableFuture<Delivery> answer;
            try {
                answer = send.apply(event, traceparentOf(stored.with(span)));
            } catch (RuntimeException failure) {
                span.setStatus(StatusCode.ERROR, SendWindow.describe(failure));
                span.end();
                throw failure;
            }
            return answer.whenComplete((delivery, failure) -> {
                switch (delivery) {
                    case Delivery.Delivered ignored -> { }
                    case Delivery.Retry retry -> span.setStatus(StatusCode.ERROR, "retry: " + retry.reason());
                    case Delivery.Poison poison -> span.setStatus(StatusCode.ERROR, "refused for good: " + poison.status());
                    case null -> span.setStatus(StatusCode.ERROR, failure == null ? "no answer" : SendWindow.describe(failure));
                }
                span.end();
            });
        };
    }

    private static Optional<String> traceparentOf(Context context) {
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, headers, INTO_MAP);
        return Optional.ofNullable(headers.get(TRACEPARENT));
    }
}
