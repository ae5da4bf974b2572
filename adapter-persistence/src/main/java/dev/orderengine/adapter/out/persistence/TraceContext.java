package dev.orderengine.adapter.out.persistence;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The W3C {@code traceparent} of the span current on this thread, written by OpenTelemetry's own propagator. */
final class TraceContext {

    private static final TextMapSetter<Map<String, String>> INTO_MAP = (carrier, key, value) -> carrier.put(key, value);

    private TraceContext() {
    }

    /** Empty outside a traced (sampled or not, but valid) span, e.g. when tracing is off. */
    static Optional<String> current() {
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, INTO_MAP);
        return Optional.ofNullable(headers.get("traceparent"));
    }
}
