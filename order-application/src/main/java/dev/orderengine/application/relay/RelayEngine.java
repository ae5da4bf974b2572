package dev.orderengine.application.relay;

import dev.orderengine.application.EnginePorts;
import java.time.Clock;
import java.util.Objects;

/**
 * The consumers of the outbox wired over their ports, the relay side's single entry point as
 * {@link dev.orderengine.application.OrderEngine} is the order side's: the data-platform relay, the sales statistics,
 * their administration and the retention of what they leave behind. Each method is what one scheduled job or one
 * operator route calls. Thread-safe; create one per process.
 */
public final class RelayEngine {

    private final RelayOrderEvents relay;
    private final RecordSalesStatistics statistics;
    private final RelayAdministration administration;
    private final Retention retention;

    public RelayEngine(EnginePorts engine, RelayPorts ports, DataPlatform dataPlatform, RelaySettings relaySettings,
                       RetentionSettings retentionSettings, Clock clock) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(dataPlatform, "dataPlatform");
        Objects.requireNonNull(relaySettings, "relaySettings");
        Objects.requireNonNull(retentionSettings, "retentionSettings");
        Objects.requireNonNull(clock, "clock");
        this.relay = new RelayOrderEvents(engine.transactions(), ports.feed(), ports.cursors(), ports.deadLetters(),
                dataPlatform, relaySettings, clock);
        this.statistics = new RecordSalesStatistics(engine.transactions(), ports.feed(), ports.cursors(), ports.productSales(),
                relaySettings.batchSize(), clock);
        this.administration = new RelayAdministration(engine.transactions(), ports.feed(), ports.cursors(), ports.deadLetters());
        this.retention = new Retention(engine.transactions(), ports.feed(), ports.cursors(), ports.deadLetters(),
                engine.idempotencyKeys(), retentionSettings, clock);
    }

    /** The data-platform relay: {@link RelayOrderEvents#relayOnce()} is its job. */
    public RelayOrderEvents relay() {
        return relay;
    }

    /** The sales statistics: {@link RecordSalesStatistics#recordOnce()} is its job; it also answers the best sellers. */
    public RecordSalesStatistics statistics() {
        return statistics;
    }

    /** Status and replay of the consumers, for operators. */
    public RelayAdministration administration() {
        return administration;
    }

    /** {@link Retention#retainOnce()} is its job. */
    public Retention retention() {
        return retention;
    }
}
