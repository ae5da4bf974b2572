package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;

import dev.orderengine.adapter.in.rest.Responses.HealthBody;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators and clients read about the service itself: liveness, readiness, metrics and the OpenAPI document.
 * Liveness never asks the database; readiness asks the {@link HealthCheck} only while the server is not stopping.
 */
final class OperationsRoutes {

    static final String OPENAPI_RESOURCE = "openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(OperationsRoutes.class);

    private final HealthCheck health;
    private final BooleanSupplier stopping;
    private final PrometheusMeterRegistry registry;
    private final Http http;
    private final byte[] openApi = openApiDocument();

    /** {@code stopping} turns true once the server drains: readiness then fails while every route still answers. */
    OperationsRoutes(HealthCheck health, BooleanSupplier stopping, PrometheusMeterRegistry registry, Http http) {
        this.health = health;
        this.stopping = stopping;
        this.registry = registry;
        this.http = http;
    }

    List<Route> routes() {
        return List.of(
                get("/health", this::ready),
                get("/health/live", ctx -> http.respond(ctx, 200, HealthBody.UP)),
                get("/health/ready", this::ready),
                get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape())),
                get("/openapi.json", ctx -> ctx.contentType(Json.CONTENT_TYPE).result(openApi)));
    }

    private void ready(Context ctx) {
        if (stopping.getAsBoolean()) {
            throw new HttpProblem(503, HttpProblem.UNAVAILABLE, "the server is stopping");
        }
        if (!databaseUp()) {
            throw new HttpProblem(503, HttpProblem.UNAVAILABLE, "the database does not answer");
        }
        http.respond(ctx, 200, HealthBody.UP);
    }

    private boolean databaseUp() {
        try {
            return health.databaseUp();
        } catch (RuntimeException e) {
            log.warn("health check failed", e);
            return false;
        }
    }

    /** The document of every route, as shipped in this jar. */
    static byte[] openApiDocument() {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
