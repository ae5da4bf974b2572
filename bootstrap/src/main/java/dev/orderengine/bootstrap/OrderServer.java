package dev.orderengine.bootstrap;

import dev.orderengine.adapter.in.rest.AdminToken;
import dev.orderengine.adapter.in.rest.PopularProducts;
import dev.orderengine.adapter.in.rest.RelayAdmin;
import dev.orderengine.adapter.in.rest.RestApi;
import dev.orderengine.adapter.in.rest.SharedHealthCheck;
import dev.orderengine.adapter.out.dataplatform.HttpDataPlatform;
import dev.orderengine.adapter.out.dataplatform.JobScheduler;
import dev.orderengine.adapter.out.dataplatform.JsonlFileDataPlatform;
import dev.orderengine.adapter.out.persistence.DatabaseSettings;
import dev.orderengine.adapter.out.persistence.PersistenceAdapter;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.RecordSalesStatistics;
import dev.orderengine.application.relay.RelayAdministration;
import dev.orderengine.application.relay.RelayOrderEvents;
import dev.orderengine.application.relay.RelayPorts;
import dev.orderengine.application.relay.RelaySettings;
import io.micrometer.core.instrument.Gauge;
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

    private static final Logger LOG = LoggerFactory.getLogger(OrderServer.class);
    private static final Duration DATAPLATFORM_MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int DATAPLATFORM_IN_FLIGHT = 16;

    private final PersistenceAdapter persistence;
    private final JobScheduler scheduler;
    private final RestApi api;
    private final int port;
    private final OrderEngine engine;
    private final Duration drainDelay;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OrderServer(PersistenceAdapter persistence, JobScheduler scheduler, RestApi api, int port, OrderEngine engine,
                        Duration drainDelay) {
        this.persistence = persistence;
        this.scheduler = scheduler;
        this.api = api;
        this.port = port;
        this.engine = engine;
        this.drainDelay = drainDelay;
    }

    /** Starts everything; on failure releases what was started and rethrows. */
    public static OrderServer start(ServerConfig config, Path dataDirectory, Clock clock) {
        DatabaseSettings database = DatabaseSettings.of(config.dbUrl(), config.dbUser(), config.dbPassword())
                .withPoolSize(config.dbPoolSize());
        PersistenceAdapter persistence = PersistenceAdapter.start(database);
        JobScheduler scheduler = null;
        try {
            OrderEngine engine = new OrderEngine(persistence.ports(), clock, config.reservationTtl());
            if (config.demoData().orElse(config.embeddedDatabase()) && DemoData.loadIfEmpty(engine)) {
                LOG.info("Loaded demo data: 3 users with 100,000.00 each, 5 products, 1 coupon source");
            }
            AdminTokenFile.Generated token = AdminTokenFile.resolve(config.adminToken(), dataDirectory.resolve("admin.token"));
            if (token.generated()) {
                LOG.info("Generated admin token (also in {}): {}", dataDirectory.resolve("admin.token"), token.token());
            }

            RelayPorts relayPorts = persistence.relayPorts();
            DataPlatform dataPlatform = config.dataPlatformUrl()
                    .<DataPlatform>map(url -> new HttpDataPlatform(url, connectTimeout(config.dataPlatformTimeout()),
                            config.dataPlatformTimeout(), DATAPLATFORM_IN_FLIGHT))
                    .orElseGet(() -> new JsonlFileDataPlatform(dataDirectory.resolve("dataplatform/order-events.jsonl")));
            RelaySettings relaySettings = new RelaySettings(config.relayBatchSize(), RelaySettings.DEFAULT.initialBackoff(),
                    RelaySettings.DEFAULT.maxBackoff());
            RelayOrderEvents relay = new RelayOrderEvents(persistence.transactions(), relayPorts.feed(), relayPorts.cursors(),
                    relayPorts.deadLetters(), dataPlatform, relaySettings, clock);
            RecordSalesStatistics statistics = new RecordSalesStatistics(persistence.transactions(), relayPorts.feed(),
                    relayPorts.cursors(), relayPorts.productSales(), config.relayBatchSize(), clock);
            RelayAdministration administration = new RelayAdministration(persistence.transactions(), relayPorts.feed(),
                    relayPorts.cursors(), relayPorts.deadLetters());

            scheduler = persistence.isPostgreSQL()
                    ? JobScheduler.clustered("order-engine", nodeId(), persistence.dataSource(), Duration.ofSeconds(5))
                    : JobScheduler.inMemory("order-engine");
            scheduler.every(config.relayInterval(), RELAY_JOB, relay::relayOnce);
            scheduler.every(config.relayInterval(), STATISTICS_JOB, statistics::recordOnce);
            scheduler.every(config.expiryInterval(), EXPIRY_JOB, () -> engine.orders().expireReservations().expireDue());

            PrometheusMeterRegistry registry = metrics(administration);
            // however many health requests arrive, they share one probe a second: the pool stays with the orders
            RestApi api = new RestApi(engine, AdminToken.of(token.token()), registry, new SharedHealthCheck(persistence::isHealthy, registry),
                    relayAdmin(administration), popularProducts(statistics));
            if (config.httpConcurrency() > 0) {
                // a request waits for its turn no longer than it would wait for a pooled connection
                api.limitConcurrency(config.httpConcurrency(), database.connectionTimeout());
            }
            int port = api.start(config.httpPort());
            scheduler.start();
            LOG.info("Order service listening on http://localhost:{} (database: {}, data platform: {})", port,
                    config.embeddedDatabase() ? config.dbUrl() : "PostgreSQL",
                    config.dataPlatformUrl().map(Object::toString).orElse(dataDirectory.resolve("dataplatform/order-events.jsonl").toString()));
            return new OrderServer(persistence, scheduler, api, port, engine, config.drainDelay());
        } catch (RuntimeException failure) {
            if (scheduler != null) {
                scheduler.close();
            }
            persistence.close();
            throw failure;
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
        persistence.close();
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

    private static PrometheusMeterRegistry metrics(RelayAdministration administration) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (String consumer : new String[] {RelayOrderEvents.CONSUMER, RecordSalesStatistics.CONSUMER}) {
            Gauge.builder("relay_lag_events", administration, admin -> admin.status().stream()
                            .filter(status -> status.consumer().equals(consumer))
                            .mapToLong(status -> status.lag()).findFirst().orElse(-1))
                    .tag("consumer", consumer)
                    .description("Order events this consumer has not processed yet")
                    .register(registry);
        }
        return registry;
    }

    private static RelayAdmin relayAdmin(RelayAdministration administration) {
        return new RelayAdmin() {
            @Override
            public java.util.List<RelayState> relays() {
                return administration.status().stream()
                        .map(status -> new RelayState(status.consumer(), status.position(), status.lag(),
                                status.lastDeliveredAt(), status.lastError(), status.deadLetters()))
                        .toList();
            }

            @Override
            public void replay(String consumer, long fromEventId) {
                administration.replay(consumer, fromEventId);
            }
        };
    }

    private static PopularProducts popularProducts(RecordSalesStatistics statistics) {
        return (days, limit) -> statistics.popular(days, limit).stream()
                .map(product -> new PopularProducts.PopularProduct(product.productId().value(), product.name(), product.quantitySold()))
                .toList();
    }

    private static String nodeId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (java.net.UnknownHostException e) {
            return "node-" + UUID.randomUUID();
        }
    }
}
