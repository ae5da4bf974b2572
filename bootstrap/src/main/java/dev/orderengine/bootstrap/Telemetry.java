package dev.orderengine.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's OpenTelemetry (SPEC §5): off, every span a no-op, unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set; then
 * the SDK configured by OpenTelemetry's own autoconfiguration from the standard {@code OTEL_*} variables, exporting
 * traces over OTLP/HTTP (metrics and logs stay with {@code /metrics} and the console). The service is named
 * {@code order-engine} unless {@code OTEL_SERVICE_NAME} says otherwise; the protocol is {@code http/protobuf} (the only one
 * the server carries a client for). Closing flushes what is not exported yet.
 */
final class Telemetry implements AutoCloseable {

    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private final OpenTelemetry api;
    private final Optional<OpenTelemetrySdk> sdk;
    private final Tracer jobs;

    private Telemetry(OpenTelemetry api, Optional<OpenTelemetrySdk> sdk) {
        this.api = api;
        this.sdk = sdk;
        this.jobs = api.getTracer(Telemetry.class.getPackageName());
    }

    static Telemetry off() {
        return new Telemetry(OpenTelemetry.noop(), Optional.empty());
    }

    /** An SDK made elsewhere (a test's, with an in-memory exporter); closed with this. */
    static Telemetry of(OpenTelemetrySdk sdk) {
        return new Telemetry(sdk, Optional.of(sdk));
    }

    /** From the {@code OTEL_*} variables among {@code variables} (the environment); off without an endpoint. */
    static Telemetry from(Map<String, String> variables) {
        String endpoint = variables.get(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return off();
        }
        // OTLP over HTTP (protobuf), the protocol the JDK's own HTTP client sends; gRPC would need another client
        Map<String, String> properties = new HashMap<>(Map.of("otel.service.name", "order-engine", "otel.exporter.otlp.protocol",
                "http/protobuf", "otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
        variables.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        try {
            return of(AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk());
        } catch (RuntimeException refused) {
            Throwable cause = refused.getCause() != null ? refused.getCause() : refused;
            throw new ConfigException("OTEL_*", refused.getMessage() + (cause == refused ? "" : ": " + cause));
        }
    }

    OpenTelemetry api() {
        return api;
    }

    boolean enabled() {
        return sdk.isPresent();
    }

    /** {@code job} as a span {@code job <name>} of its own, with the job's transactions and sends inside. */
    Runnable traced(String name, Runnable job) {
        return () -> {
            Span span = jobs.spanBuilder("job " + name).setNoParent().startSpan();
            try (Scope ignored = span.makeCurrent()) {
                job.run();
            } finally {
                span.end();
            }
        };
    }

    @Override
    public void close() {
        sdk.ifPresent(OpenTelemetrySdk::close);
    }
}
