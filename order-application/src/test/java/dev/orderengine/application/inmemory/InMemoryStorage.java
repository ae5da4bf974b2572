package dev.orderengine.application.inmemory;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.RelayPorts;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One in-memory database: the rows behind every port of {@link #ports()}, plus a few reads and writes that tests
 * need and no port offers.
 *
 * <p>Thread-safe. Every port call must be made inside a transaction of {@code ports().transactions()} (else
 * {@link IllegalStateException}); transactions run one at a time under one global fair lock, so each port's
 * {@code lockById}-style read is trivially a lock, and a transaction that throws has every write undone.
 * Aggregates are stored as private copies, so a caller changing a loaded aggregate without saving it changes
 * nothing. Ids come from counters that, like sequences, are never rolled back. Nothing here returns null.
 * The inspection methods below run in a read-only transaction of their own, or join the caller's.
 */
public final class InMemoryStorage {

    private final TransactionScope scope = new TransactionScope();
    private final InMemoryProducts products = new InMemoryProducts(scope);
    private final InMemoryStock stock = new InMemoryStock(scope);
    private final InMemoryOrderEvents orderEvents = new InMemoryOrderEvents(scope);
    private final EnginePorts ports;
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(scope);
    private final RelayPorts relayPorts = new RelayPorts(new InMemoryOrderEventFeed(orderEvents), new InMemoryRelayCursors(scope),
            deadLetters, new InMemoryProductSales(scope, products));

    /** Fresh, empty storage whose records are stamped with the system clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** Fresh, empty storage; {@code clock} stamps what the storage itself dates, as a database's clock would (idempotency records). */
    public InMemoryStorage(Clock clock) {
        this.ports = new EnginePorts(new InMemoryTransactions(scope, this), new InMemoryUsers(scope), products, stock,
                new InMemoryCouponSources(scope), new InMemoryCoupons(scope), new InMemoryBalances(scope),
                new InMemoryPayments(scope), new InMemoryOrders(scope), orderEvents, new InMemoryIdempotencyKeys(scope, clock));
    }

    /** Every port over this storage; the same instance on every call. */
    public EnginePorts ports() {
        return ports;
    }

    /** The ports of the outbox consumers (relay cursors, dead letters, sales) over this storage; the same instance on every call. */
    public RelayPorts relayPorts() {
        return relayPorts;
    }

    /** Every dead letter, oldest first. */
    public List<DeadLetter> deadLetters() {
        return scope.inspect(deadLetters::all);
    }

    /** Every stored order event, oldest first. */
    public List<OrderEvent> events() {
        return List.copyOf(eventsById().values());
    }

    /** Every stored order event by its id, ascending; rolled-back appends leave gaps in the ids. */
    public Map<Long, OrderEvent> eventsById() {
        return scope.inspect(orderEvents::all);
    }

    /** The available quantity of every product with a stock record, in product id order. */
    public Map<ProductId, Long> stockLevels() {
        return scope.inspect(stock::all);
    }

    /** The available quantity of a product; fails with {@link IllegalArgumentException} when it has no stock record. */
    public long stockOf(ProductId productId) {
        Long level = stockLevels().get(productId);
        if (level == null) {
            throw new IllegalArgumentException("product " + productId + " has no stock record");
        }
        return level;
    }

    /**
     * Overwrites a stored product in a transaction of its own (or the caller's): for states no use case
     * produces, such as a changed price or a product withdrawn from sale. Fails when the product is not stored.
     */
    public void replaceProduct(Product product) {
        Objects.requireNonNull(product, "product");
        scope.change(() -> products.replace(product));
    }
}
