package dev.orderengine.bootstrap;

import dev.orderengine.adapter.in.rest.AdminToken;
import dev.orderengine.adapter.in.rest.RestApi;
import dev.orderengine.adapter.in.rest.SharedHealthCheck;
import dev.orderengine.adapter.out.dataplatform.DeliveryTracing;
import dev.orderengine.adapter.out.dataplatform.HttpDataPlatform;
import dev.orderengine.adapter.out.dataplatform.JsonlFileDataPlatform;
import dev.orderengine.adapter.out.dataplatform.KafkaDataPlatform;
import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.PersistenceAdapter;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.order.ExpiryReport;
import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.RelayEngine;
import dev.orderengine.application.relay.RelaySettings;
import dev.orderengine.application.relay.RetentionSettings;
import dev.orderengine.bootstrap.scheduling.JobScheduler;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires storage, use cases, the data-platform relay, the scheduled jobs and the HTTP
 * API by hand from a {@link ServerConfig}, and takes them down again in the reverse order.
 */
public final class OrderServer implements AutoCloseable {

    /** Names of the scheduled jobs. */
    public static final String RELAY_JOB = "dataplatform-relay";
    public static final String STATISTICS_JOB = "sales-statistics";
    public static final String EXPIRY_JOB = "reservation-expiry";
    public static final String RETENTION_JOB = "retention";

    /** How often retention looks for what it may delete; each run deletes in batches until nothing is due. */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(OrderServer.class);
    private static final Duration DATAPLATFORM_MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int DATAPLATFORM_IN_FLIGHT = 16;
    private static final String JSONL_FILE = "dataplatform/order-events.jsonl";

    private final PersistenceAdapter persistence;
    private final JobScheduler scheduler;
    private final DataPlatform dataPlatform;
    private final RestApi api;
    private final int port;
    private final OrderEngine engine;
    private final Duration drainDelay;
    private final Telemetry telemetry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrderServer(PersistenceAdapter persistence, JobScheduler scheduler, DataPlatform dataPlatform, RestApi api, int port,
                        OrderEngine engine, Duration drainDelay, Telemetry telemetry) {
        this.persistence = persistence;
        this.scheduler = scheduler;
        this.dataPlatform = dataPlatform;
        this.api = api;
        this.port = port;
        this.engine = engine;
        this.drainDelay = drainDelay;
        this.telemetry = telemetry;
    }

    /** Starts everything; on failure releases what was started and rethrows. */
    public static OrderServer start(ServerConfig config, Path dataDirectory, Clock clock) {
        return start(config, dataDirectory, clock, Telemetry.off());
    }

    /** The same, tracing with {@code telemetry} (closed with the server, also when the start fails). */
    static OrderServer start(ServerConfig config, Path dataDirectory, Clock clock, Telemetry telemetry) {
        try {
            return startTraced(config, dataDirectory, clock, telemetry);
        } catch (RuntimeException failure) {
            telemetry.close();
            throw failure;
        }
    }

    private static OrderServer startTraced(ServerConfig config, Path dataDirectory, Clock clock, Telemetry telemetry) {
        DatabaseSettings database = DatabaseSettings.of(config.dbUrl(), config.dbUser(), config.dbPassword())
                .withPoolSize(config.dbPoolSize());
        PersistenceAdapter persistence = PersistenceAdapter.start(database, telemetry.api());
        JobScheduler scheduler = null;
        DataPlatform dataPlatform = null;
        try {
            OrderEngine engine = new OrderEngine(persistence.ports(), clock, config.reservationTtl());
            if (config.demoData().orElse(config.embeddedDatabase()) && DemoData.loadIfEmpty(engine)) {
                LOG.info("Loaded demo data: 3 users with 100,000.00 each, 5 products, 1 coupon source");
            }
            AdminTokenFile.Generated token = AdminTokenFile.resolve(config.adminToken(), dataDirectory.resolve("admin.token"));
            if (token.generated()) {
                LOG.info("Generated admin token (also in {}): {}", dataDirectory.resolve("admin.token"), token.token());
            }

            dataPlatform = dataPlatform(config, dataDirectory, clock, DeliveryTracing.with(telemetry.api()));
            RelaySettings relaySettings = new RelaySettings(config.relayBatchSize(), RelaySettings.DEFAULT.initialBackoff(),
                    RelaySettings.DEFAULT.maxBackoff());
            RetentionSettings retention = new RetentionSettings(config.eventRetention(), config.deadLetterRetention(),
                    config.idempotencyRetention(), RetentionSettings.DEFAULT.batchSize());
            RelayEngine relays = new RelayEngine(persistence.ports(), persistence.relayPorts(), dataPlatform, relaySettings, retention, clock);

            PrometheusMeterRegistry registry = metrics();
            RelayMetrics relayMetrics = new RelayMetrics(relays.administration(), clock, registry);
            scheduler = persistence.isPostgreSQL()
                    ? JobScheduler.clustered("order-engine", nodeId(), persistence.dataSource(), Duration.ofSeconds(5))
                    : JobScheduler.inMemory("order-engine");
            scheduler.every(config.relayInterval(), RELAY_JOB, telemetry.traced("relay", relays.relay()::relayOnce));
            scheduler.every(config.relayInterval(), STATISTICS_JOB, telemetry.traced("statistics", relays.statistics()::recordOnce));
            scheduler.every(config.expiryInterval(), EXPIRY_JOB, telemetry.traced("expiry",
                    () -> logNewFailures(engine.orders().expireReservations().expireDue())));
            scheduler.every(RETENTION_INTERVAL, RETENTION_JOB, telemetry.traced("retention",
                    () -> relayMetrics.retained(relays.retention().retainOnce())));

            // however many health requests arrive, they share one probe a second: the pool stays with the orders
            RestApi api = new RestApi(engine, relays, AdminToken.of(token.token()), registry,
                    new SharedHealthCheck(persistence::isHealthy, registry), RestApi.DEFAULT_STOP_TIMEOUT, telemetry.api());
            if (config.httpConcurrency() > 0) {
                // a request waits for its turn no longer than it would wait for a pooled connection
                api.limitConcurrency(config.httpConcurrency(), database.connectionTimeout());
            }
            int port = api.start(config.httpPort());
            scheduler.start();
            LOG.info("Order service listening on http://localhost:{} (database: {}, data platform: {}, tracing: {})", port,
                    config.embeddedDatabase() ? config.dbUrl() : "PostgreSQL",
                    config.dataPlatform().map(Object::toString).orElse(dataDirectory.resolve(JSONL_FILE).toString())
                            + (config.dataPlatformSecrets().isEmpty() ? "" : ", signed"),
                    telemetry.enabled() ? "OTLP" : "off");
            return new OrderServer(persistence, scheduler, dataPlatform, api, port, engine, config.drainDelay(), telemetry);
        } catch (RuntimeException failure) {
            if (scheduler != null) {
                scheduler.close();
            }
            closeQuietly(dataPlatform, failure);
            persistence.close();
            throw failure;
        }
    }

    /** The transport of {@code ORDERS_DATAPLATFORM_URL}: HTTP (signed with the secrets, if any), Kafka, or the JSONL file. */
    private static DataPlatform dataPlatform(ServerConfig config, Path dataDirectory, Clock clock, DeliveryTracing tracing) {
        Duration timeout = config.dataPlatformTimeout();
        return switch (config.dataPlatform().orElse(null)) {
            case null -> new JsonlFileDataPlatform(dataDirectory.resolve(JSONL_FILE));
            case ServerConfig.DataPlatformTarget.Http http -> new HttpDataPlatform(http.url(), connectTimeout(timeout), timeout,
                    DATAPLATFORM_IN_FLIGHT, config.dataPlatformSecrets(), clock, tracing);
            case ServerConfig.DataPlatformTarget.Kafka kafka -> {
                try {
                    yield new KafkaDataPlatform(kafka.endpoint(), config.kafkaProperties(), timeout, DATAPLATFORM_IN_FLIGHT, tracing);
                } catch (IllegalArgumentException refused) {
                    throw new ConfigException("ORDERS_KAFKA_PROPERTIES", refused.getMessage());
                }
            }
        };
    }

    private static void closeQuietly(DataPlatform dataPlatform, RuntimeException failure) {
        if (dataPlatform instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    public int port() {
        return port;
    }

    /** The engine behind the API, for embedding tests and tools. */
    public OrderEngine engine() {
        return engine;
    }

    /** The scheduled jobs, e.g. to run the relay now. */
    public JobScheduler scheduler() {
        return scheduler;
    }

    /**
     * Stops gracefully: first reports not ready ({@code /health/ready} 503) while still serving every request for the
     * drain delay, so that load balancers move new requests elsewhere before any is refused; then stops accepting
     * connections and finishes the requests in flight, stops the jobs, and closes the pool. Blocks until done;
     * called by the SIGTERM hook. An interrupt cuts the drain delay short, not the rest.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        LOG.info("Stopping the order service: not ready from now on, still serving for {} ms", drainDelay.toMillis());
        api.drain();
        awaitDrainDelay();
        api.stop();
        scheduler.close();
        if (dataPlatform instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Could not close the data platform transport cleanly", e);
            }
        }
        persistence.close();
        telemetry.close();
        LOG.info("Order service stopped");
    }

    private void awaitDrainDelay() {
        try {
            Thread.sleep(drainDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connecting may take at most 2 s, and never longer than a whole request may. */
    static Duration connectTimeout(Duration requestTimeout) {
        return requestTimeout.compareTo(DATAPLATFORM_MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout : DATAPLATFORM_MAX_CONNECT_TIMEOUT;
    }

    private static PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Each order that cannot be expired is logged once, when it starts failing; the others went on regardless. */
    private static void logNewFailures(ExpiryReport report) {
        report.newFailures().forEach(failure -> LOG.error("Order {} cannot be expired; the others are, and it is tried again at every run",
                failure.orderId(), failure.cause()));
    }

    private static String nodeId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (java.net.UnknownHostException e) {
            return "node-" + UUID.randomUUID();
        }
    }
}
