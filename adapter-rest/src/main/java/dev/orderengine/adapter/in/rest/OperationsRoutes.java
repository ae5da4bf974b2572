package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;

import dev.orderengine.adapter.in.rest.Responses.HealthBody;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What operators and clients read about the service itself: health, metrics and the OpenAPI document. */
final class OperationsRoutes {

    static final String OPENAPI_RESOURCE = "openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(OperationsRoutes.class);

    private final HealthCheck health;
    private final PrometheusMeterRegistry registry;
    private final Http http;
    private final byte[] openApi = openApiDocument();

    OperationsRoutes(HealthCheck health, PrometheusMeterRegistry registry, Http http) {
        this.health = health;
        this.registry = registry;
        this.http = http;
    }

    List<Route> routes() {
        return List.of(
                get("/health", ctx -> {
                    if (!databaseUp()) {
                        throw new HttpProblem(503, HttpProblem.UNAVAILABLE, "the database does not answer");
                    }
                    http.respond(ctx, 200, HealthBody.UP);
                }),
                get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape())),
                get("/openapi.json", ctx -> ctx.contentType(Json.CONTENT_TYPE).result(openApi)));
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
