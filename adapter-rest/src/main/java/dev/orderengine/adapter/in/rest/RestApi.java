package dev.orderengine.adapter.in.rest;

import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.relay.RelayEngine;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API of the order engine (SPEC §4) on Javalin: every route under {@code /api/v1}, plus
 * {@code /health}, {@code /health/live}, {@code /health/ready}, {@code /metrics}, {@code /openapi.json} and the
 * {@code /docs} page. Handlers run on virtual threads, so use cases may block on the database. Start once, then
 * optionally {@link #drain}, then stop once.
 */
public final class RestApi {

    /** How long {@link #stop()} lets requests in flight finish unless told otherwise. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger accessLog = LoggerFactory.getLogger("dev.orderengine.adapter.in.rest.access");
    private static final String ROUTE_ATTRIBUTE = "route";

    private final AdminToken adminToken;
    private final Json json = new Json();
    private final ApiMetrics metrics;
    private final ErrorResponses errors;
    private final List<Route> routes;
    private final Duration stopTimeout;
    private final Javalin app;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final RequestTracing tracing;
    private volatile Admission admission = Admission.unlimited();

    public RestApi(OrderEngine engine, RelayEngine relays, AdminToken adminToken, PrometheusMeterRegistry registry,
                   HealthCheck health) {
        this(engine, relays, adminToken, registry, health, DEFAULT_STOP_TIMEOUT);
    }

    public RestApi(OrderEngine engine, RelayEngine relays, AdminToken adminToken, PrometheusMeterRegistry registry,
                   HealthCheck health, Duration stopTimeout) {
        this(engine, relays, adminToken, registry, health, stopTimeout, OpenTelemetry.noop());
    }

    /** With a server span per request ({@link RequestTracing}) from {@code telemetry}. */
    public RestApi(OrderEngine engine, RelayEngine relays, AdminToken adminToken, PrometheusMeterRegistry registry,
                   HealthCheck health, Duration stopTimeout, OpenTelemetry telemetry) {
        Objects.requireNonNull(engine, "engine");
        this.tracing = new RequestTracing(Objects.requireNonNull(telemetry, "telemetry"));
        Objects.requireNonNull(relays, "relays");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        Http http = new Http(json);
        this.metrics = new ApiMetrics(Objects.requireNonNull(registry, "registry"));
        this.errors = new ErrorResponses(json);
        this.routes = Stream.of(
                new UserRoutes(engine.users(), http).routes(),
                new ProductRoutes(engine.products(), relays.statistics(), http).routes(),
                new CouponRoutes(engine.coupons(), http).routes(),
                new OrderRoutes(engine.orders(), http, metrics).routes(),
                new AdminRoutes(relays.administration(), http).routes(),
                new OperationsRoutes(Objects.requireNonNull(health, "health"), draining::get, registry, http).routes(),
                new DocsRoutes().routes())
                .flatMap(List::stream)
                .toList();
        this.app = Javalin.create(this::configure);
    }

    /**
     * Lets at most {@code concurrentRequests} requests under {@code /api/} run at once, the others waiting first
     * come, first served for up to {@code maxWait} (then 503 {@code UNAVAILABLE}). Call before {@link #start}.
     */
    public RestApi limitConcurrency(int concurrentRequests, Duration maxWait) {
        this.admission = Admission.limited(concurrentRequests, maxWait);
        return this;
    }

    /**
     * Starts serving on {@code port} (0 picks a free one) on every interface.
     *
     * @return the port bound
     */
    public int start(int port) {
        app.start(port);
        return app.port();
    }

    /**
     * Marks the server as stopping: from now on {@code /health/ready} and {@code /health} answer 503 {@code UNAVAILABLE},
     * so that load balancers send no new requests, while every route, liveness included, is still served as before.
     * Call some time before {@link #stop}, leaving them that time to notice. Idempotent.
     */
    public void drain() {
        draining.set(true);
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to the stop timeout, then stops.
     * Blocks until done.
     */
    public void stop() {
        app.stop();
    }

    /** The routes Javalin has registered, as {@code METHOD /path/{param}}: what the OpenAPI document must describe. */
    List<String> registeredRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method + " " + endpoint.path)
                .toList();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.concurrency.useVirtualThreads = true;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = Http.MAX_BODY_BYTES;
        // Jetty reuses header fields parsed earlier on a connection, by default matching their values regardless of
        // case: a token or Idempotency-Key differing only in case from the previous request's would be read as that one.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
        config.jetty.modifyServer(server -> {
            // Jetty waits for requests in flight only for handlers that take part in a graceful stop.
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(stopTimeout.toMillis());
            server.setErrorHandler(new JettyErrors(json));
        });
        config.router.javaLangErrorHandler(errors::onError);
        config.requestLogger.http(this::requestDone);
        config.routes.before(ctx -> {
            String requestId = RequestIds.assign(ctx);
            MDC.put(RequestIds.ATTRIBUTE, requestId);
            tracing.start(ctx, requestId);
        });
        config.routes.after(ctx -> {
            tracing.leave(ctx);
            MDC.remove(RequestIds.ATTRIBUTE);
        });
        errors.register(config.routes);
        routes.forEach(route -> config.routes.addHttpHandler(route.method(), route.path(), guarded(route)));
    }

    /** Tags the request with its route, then checks the caller and the body's media type before the handler runs. */
    private Handler guarded(Route route) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, route.path());
            RequestTracing.routed(route.method().name(), route.path());
            if (route.access() == Route.Access.ADMIN) {
                authorize(ctx);
            }
            if (route.takesBody()) {
                Http.requireJson(ctx);
            }
            if (route.path().startsWith("/api/")) {
                admission.run(() -> route.handler().handle(ctx));
            } else {
                route.handler().handle(ctx);
            }
        };
    }

    private void authorize(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpProblem(401, HttpProblem.UNAUTHORIZED, "this route needs an admin bearer token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"order-engine-admin\""));
        }
        if (!adminToken.matches(authorization.substring(7).strip())) {
            throw new HttpProblem(403, HttpProblem.FORBIDDEN, "the bearer token is not the admin token");
        }
    }

    private void requestDone(Context ctx, Float millis) {
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route == null ? ApiMetrics.UNMATCHED : route, status,
                Duration.ofNanos((long) (millis * 1_000_000)));
        tracing.end(ctx);
        String requestId = RequestIds.of(ctx);
        String traceId = RequestTracing.traceIdOf(ctx);
        // the ids as MDC too, for the JSON log: this runs after the request's own MDC was cleared
        try (var requestIdInMdc = MDC.putCloseable(RequestIds.ATTRIBUTE, requestId);
             var traceIdInMdc = MDC.putCloseable(RequestTracing.TRACE_ID, traceId)) {
            accessLog.info("{} {} {} {}ms {} {}", ctx.method(), ctx.path(), status, Math.round(millis), requestId, traceId);
        }
    }
}
