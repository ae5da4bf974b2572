package dev.orderengine.adapter.in.rest;

import io.javalin.http.Context;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.slf4j.MDC;

/**
 * One server span per API request (SPEC §5): started before the route runs, current while it runs (so the database
 * transactions and the outbox see it), named by the route template once matched ({@code POST /api/v1/orders}), ended
 * with the answer's status. A caller's W3C {@code traceparent} makes it a child of the caller's span. While it runs the
 * log's MDC holds {@code traceId} and {@code spanId}. With tracing off the spans are no-ops.
 */
final class RequestTracing {

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";
    static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("order.id");

    private static final String SPAN = RequestTracing.class.getName() + ".span";
    private static final String SCOPE = RequestTracing.class.getName() + ".scope";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");
    private static final AttributeKey<String> PROBLEM = AttributeKey.stringKey("problem.code");
    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    RequestTracing(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer(RequestTracing.class.getPackageName());
    }

    /** Before anything else of the request: its span starts and becomes current on this thread. */
    void start(Context ctx, String requestId) {
        io.opentelemetry.context.Context parent = telemetry.getPropagators().getTextMapPropagator()
                .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
        Span span = tracer.spanBuilder(ctx.method().name()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, ctx.method().name()).setAttribute(PATH, ctx.path()).setAttribute(REQUEST_ID, requestId)
                .startSpan();
        ctx.attribute(SPAN, span);
        ctx.attribute(SCOPE, span.makeCurrent());
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
        }
    }

    /** The route matched: the span takes its template as its name. */
    static void routed(String method, String route) {
        Span.current().updateName(method + " " + route).setAttribute(ROUTE, route);
    }

    /** The request concerns this order. */
    static void order(long orderId) {
        Span.current().setAttribute(ORDER_ID, orderId);
    }

    /** The request is answered with a problem of {@code code}, naming {@code orderId} unless null. */
    static void problem(String code, Long orderId) {
        Span span = Span.current().setAttribute(PROBLEM, code);
        if (orderId != null) {
            span.setAttribute(ORDER_ID, orderId);
        }
    }

    /** After the handler and the error mapping, on the same thread: the span stops being current. */
    void leave(Context ctx) {
        Scope scope = ctx.attribute(SCOPE);
        if (scope != null) {
            scope.close();
        }
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }

    /** Once answered: the span ends with the status (5xx an error). */
    void end(Context ctx) {
        Span span = ctx.attribute(SPAN);
        if (span == null) {
            return;
        }
        int status = ctx.statusCode();
        span.setAttribute(STATUS, status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** The trace id of the request, for its access log line ({@code -} when untraced). */
    static String traceIdOf(Context ctx) {
        Span span = ctx.attribute(SPAN);
        return span != null && span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : "-";
    }
}
