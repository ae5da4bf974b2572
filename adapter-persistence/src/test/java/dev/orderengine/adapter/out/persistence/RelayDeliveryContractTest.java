package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.OutboxProbe.endOfOutbox;
import static dev.orderengine.adapter.out.persistence.OutboxProbe.eventIdsAfter;
import static dev.orderengine.adapter.out.persistence.OutboxProbe.readAtLeast;
import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.OutboxProbe.RecordingDataPlatform;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.OrderEventFeed;
import dev.orderengine.application.relay.RecordSalesStatistics;
import dev.orderengine.application.relay.RelayCursor;
import dev.orderengine.application.relay.RelayOrderEvents;
import dev.orderengine.application.relay.RelayPorts;
import dev.orderengine.application.relay.RelayPosition;
import dev.orderengine.application.relay.RelayReport;
import dev.orderengine.application.relay.RelaySettings;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.user.User;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox consumers over this adapter (SPEC §3): gap-safe (an event that commits after later events were
 * relayed is still relayed), each event sent once in normal operation, statistics counted exactly once,
 * refused events dead-lettered. Interleavings are forced with latches and held row locks.
 */
abstract class RelayDeliveryContractTest extends StorageContract {

    /**
     * Checks, while the transaction of an earlier event is still open, what the database lets the writer of a later
     * event and a reader of the feed do. {@code end} is where the outbox ended before both.
     */
    abstract void checkWhileTheEarlierWriterIsOpen(Future<Long> laterWriter, RelayPosition end) throws Exception;

    /** Checks what a relay run sent while a payment that took its first lock earlier was still open. */
    abstract void checkSentWhileAnOlderPaymentWasOpen(List<Long> sentMeanwhile, long eventCommittedMeanwhile);

    /** A transaction that appended an event and stays open until {@code release}; its event id once it committed. */
    record OpenWriter(Future<Long> eventId, CountDownLatch release) {
    }

    /** Appends the completed-order event of {@code order} in a transaction of another thread, left open. */
    OpenWriter appendAndHoldOpen(Order order) throws InterruptedException {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Long> eventId = inThread(() -> tx(() -> {
            long id = appendCompletedEventOf(order);
            appended.countDown();
            await(release);
            return id;
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).as("the open writer appended its event").isTrue();
        return new OpenWriter(eventId, release);
    }

    /** How many transactions of this database wait for a row lock right now. */
    abstract long transactionsWaitingForALock() throws SQLException;

    @Test
    void an_event_committed_after_a_later_event_is_still_relayed_and_nothing_is_sent_twice() throws Exception {
        Order earlierOrder = anAllocatedOrder();
        Order laterOrder = anAllocatedOrder();
        RelayPosition end = startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        RecordingDataPlatform platform = new RecordingDataPlatform();
        RelayOrderEvents relay = relay(platform);
        OpenWriter earlier = appendAndHoldOpen(earlierOrder);
        Future<Long> later = inThread(() -> tx(() -> appendCompletedEventOf(laterOrder)));

        checkWhileTheEarlierWriterIsOpen(later, end);
        RelayReport meanwhile = relay.relayOnce();
        earlier.release().countDown();
        long earlierId = earlier.eventId().get(10, TimeUnit.SECONDS);
        long laterId = later.get(10, TimeUnit.SECONDS);
        relayUntilSent(relay, platform, 2);
        RelayReport afterwards = relay.relayOnce();

        assertThat(meanwhile.delivered()).as("events relayed while the earlier transaction was open").isZero();
        assertThat(earlierId).isLessThan(laterId);
        assertThat(platform.sent()).as("events sent, in order").containsExactly(earlierId, laterId);
        assertThat(afterwards.delivered()).isZero();
        assertThat(cursor(RelayOrderEvents.CONSUMER).position().eventId()).isEqualTo(laterId);
    }

    @Test
    void an_order_whose_payment_began_first_but_committed_last_is_still_relayed() throws Exception {
        OrderEngine engine = engine();
        User slowPayer = fixtures().userWithBalance(10_000);
        User quickPayer = fixtures().userWithBalance(10_000);
        Product product = fixtures().product(1_000, 10);
        Order slowOrder = fixtures().allocatedOrder(slowPayer, Instant.now(), product);
        Order quickOrder = fixtures().allocatedOrder(quickPayer, Instant.now(), product);
        startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        RecordingDataPlatform platform = new RecordingDataPlatform();
        RelayOrderEvents relay = relay(platform);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> balanceHolder = inThread(() -> tx(() -> {
            adapter().balances().lockByUser(slowPayer.id()).orElseThrow();
            held.countDown();
            await(release);
            return null;
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        long waitingBefore = transactionsWaitingForALock();
        Future<OrderView> slowPayment = inThread(() -> pay(engine, slowOrder, slowPayer));
        awaitOneMoreTransactionWaitingForALock(waitingBefore);

        OrderView quickPaid = pay(engine, quickOrder, quickPayer);
        relay.relayOnce();
        List<Long> sentMeanwhile = platform.sent();
        release.countDown();
        balanceHolder.get(10, TimeUnit.SECONDS);
        OrderView slowPaid = slowPayment.get(10, TimeUnit.SECONDS);
        relayUntilSent(relay, platform, 2);
        relay.relayOnce();

        long slowEvent = eventOf(slowOrder);
        long quickEvent = eventOf(quickOrder);
        assertThat(quickPaid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(slowPaid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        checkSentWhileAnOlderPaymentWasOpen(sentMeanwhile, quickEvent);
        assertThat(platform.sent()).as("every event sent exactly once").containsExactlyInAnyOrder(slowEvent, quickEvent);
    }

    @Test
    void under_concurrent_orders_both_consumers_get_every_completed_order_exactly_once() throws Exception {
        OrderEngine engine = engine();
        List<Product> products = fixtures().products(3, 100_000);
        List<User> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add(fixtures().userWithBalance(10_000_000));
        }
        RelayPosition end = startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        startRelayAtTheEnd(RecordSalesStatistics.CONSUMER);
        RecordingDataPlatform platform = new RecordingDataPlatform();
        RelayOrderEvents relay = relay(platform, new RelaySettings(7, Duration.ZERO, Duration.ZERO));
        RecordSalesStatistics statistics = statistics(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (User customer : customers) {
            writers.add(inThread(() -> {
                await(start);
                int units = 0;
                for (int i = 0; i < 15; i++) {
                    Product product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                    int quantity = 1 + ThreadLocalRandom.current().nextInt(3);
                    engine.orders().placeOrder().place(new PlaceOrderCommand(customer.id(), List.of(new OrderItem(product.id(), quantity)),
                            Optional.empty(), Optional.empty()));
                    units += quantity;
                }
                return units;
            }));
        }
        Future<Object> relayRunner = inThread(() -> repeatWhile(writing, relay::relayOnce));
        List<Future<Object>> statisticsRunners = List.of(inThread(() -> repeatWhile(writing, statistics::recordOnce)),
                inThread(() -> repeatWhile(writing, statistics::recordOnce)));
        long started = System.nanoTime();
        start.countDown();
        int unitsOrdered = 0;
        for (Future<Integer> writer : writers) {
            unitsOrdered += writer.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        relayRunner.get(30, TimeUnit.SECONDS);
        for (Future<Object> runner : statisticsRunners) {
            runner.get(30, TimeUnit.SECONDS);
        }
        List<Long> stored = eventIdsAfter(db(), end);
        relayUntilSent(relay, platform, stored.size());
        long unitsCounted = countUntil(statistics, products, unitsOrdered);

        System.out.printf("[%s] relay under load: %d orders by 8 threads, %d events sent, %d units counted of %d, %d ms%n", db(),
                8 * 15, platform.sent().size(), unitsCounted, unitsOrdered, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(stored).hasSize(8 * 15);
        assertThat(platform.sent()).as("events sent").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        assertThat(unitsCounted).as("units counted by the statistics").isEqualTo(unitsOrdered);
    }

    @Test
    void a_refused_event_is_dead_lettered_and_the_relay_goes_on() throws Exception {
        RelayPosition end = startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        List<Long> ids = List.of(appendAlone(), appendAlone(), appendAlone());
        readAtLeast(db(), end, 10, 3);
        long deadBefore = tx(() -> relayPorts().deadLetters().count(RelayOrderEvents.CONSUMER));
        RecordingDataPlatform platform = new RecordingDataPlatform(event -> event.eventId() == ids.getFirst()
                ? new Delivery.Poison(422, "{\"detail\":\"unknown product\"}")
                : new Delivery.Delivered());

        RelayReport report = relayUntilSent(relay(platform), platform, 3);

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(tx(() -> relayPorts().deadLetters().count(RelayOrderEvents.CONSUMER))).isEqualTo(deadBefore + 1);
        assertThat(cursor(RelayOrderEvents.CONSUMER).position().eventId()).isEqualTo(ids.getLast());
    }

    @Test
    void an_event_to_retry_stops_the_run_and_the_next_run_sends_it_again_but_not_those_acknowledged_after_it() throws Exception {
        RelayPosition end = startRelayAtTheEnd(RelayOrderEvents.CONSUMER);
        List<Long> ids = List.of(appendAlone(), appendAlone(), appendAlone());
        readAtLeast(db(), end, 10, 3);
        AtomicBoolean down = new AtomicBoolean(true);
        RecordingDataPlatform platform = new RecordingDataPlatform(event -> event.eventId() == ids.get(1) && down.get()
                ? new Delivery.Retry("HTTP 503")
                : new Delivery.Delivered());
        RelayOrderEvents relay = relay(platform, new RelaySettings(500, Duration.ZERO, Duration.ZERO));

        RelayReport failed = relayUntilSent(relay, platform, 3);
        RelayCursor afterFailure = cursor(RelayOrderEvents.CONSUMER);
        down.set(false);
        RelayReport recovered = relay.relayOnce();

        assertThat(failed.stoppedBy()).hasValueSatisfying(reason -> assertThat(reason).contains("HTTP 503"));
        assertThat(afterFailure.position().eventId()).isEqualTo(ids.get(0));
        assertThat(afterFailure.consecutiveFailures()).isEqualTo(1);
        assertThat(afterFailure.lastError()).hasValueSatisfying(error -> assertThat(error).contains("HTTP 503"));
        assertThat(afterFailure.acknowledgedAhead()).containsExactly(ids.get(2));
        assertThat(recovered.delivered()).isEqualTo(1);
        assertThat(platform.sent()).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(1));
        assertThat(cursor(RelayOrderEvents.CONSUMER).acknowledgedAhead()).isEmpty();
        assertThat(cursor(RelayOrderEvents.CONSUMER).position().eventId()).isEqualTo(ids.get(2));
        assertThat(cursor(RelayOrderEvents.CONSUMER).consecutiveFailures()).isZero();
    }

    // --- helpers for the subclasses and the tests

    OrderEventFeed feed() {
        return relayPorts().feed();
    }

    RelayPorts relayPorts() {
        return adapter().relayPorts();
    }

    OrderEngine engine() {
        return new OrderEngine(adapter().ports(), Clock.systemUTC(), Duration.ofMinutes(15));
    }

    Order anAllocatedOrder() {
        return fixtures().allocatedOrder(fixtures().user(), NOW, fixtures().product(1_000, 10));
    }

    /**
     * Inside the caller's transaction: locks the order (as the payment does first, which on PostgreSQL gives the
     * transaction its id) and appends its completed-order event; returns the event id.
     */
    long appendCompletedEventOf(Order order) {
        return appendCompletedEventOf(adapter(), order);
    }

    /** {@link #appendCompletedEventOf(Order)} through the ports of {@code storage}. */
    static long appendCompletedEventOf(PersistenceAdapter storage, Order order) {
        storage.orders().lockById(order.id()).orElseThrow();
        return storage.orderEvents().append(new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), NOW));
    }

    /** Puts the cursor of {@code consumer} after every stored event, so that a test relays only its own; returns that position. */
    RelayPosition startRelayAtTheEnd(String consumer) throws SQLException {
        RelayPosition end = endOfOutbox(db());
        tx(() -> relayPorts().cursors().reset(consumer, end));
        return end;
    }

    RelayOrderEvents relay(RecordingDataPlatform platform) {
        return relay(platform, RelaySettings.DEFAULT);
    }

    RelayCursor cursor(String consumer) {
        return tx(() -> relayPorts().cursors().get(consumer));
    }

    private long appendAlone() {
        Order order = anAllocatedOrder();
        return tx(() -> appendCompletedEventOf(order));
    }

    private RelayOrderEvents relay(RecordingDataPlatform platform, RelaySettings settings) {
        RelayPorts ports = relayPorts();
        return new RelayOrderEvents(adapter().transactions(), ports.feed(), ports.cursors(), ports.deadLetters(), platform, settings,
                Clock.systemUTC());
    }

    private RecordSalesStatistics statistics(int batchSize) {
        RelayPorts ports = relayPorts();
        return new RecordSalesStatistics(adapter().transactions(), ports.feed(), ports.cursors(), ports.productSales(), batchSize,
                Clock.systemUTC());
    }

    private static OrderView pay(OrderEngine engine, Order order, User payer) {
        return engine.orders().payOrder().pay(new PayOrderCommand(order.id(), payer.id(), Optional.empty(), Optional.empty()));
    }

    private long eventOf(Order order) throws SQLException {
        return db().queryLong("SELECT id FROM order_events WHERE order_id = ?", order.id().value());
    }

    /** Runs the relay until {@code count} events were sent in all (PostgreSQL may show them a little later); returns the last report. */
    static RelayReport relayUntilSent(RelayOrderEvents relay, RecordingDataPlatform platform, int count) throws InterruptedException {
        long deadline = System.nanoTime() + OutboxProbe.SETTLE.toNanos();
        RelayReport report = relay.relayOnce();
        while (platform.sent().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            report = relay.relayOnce();
        }
        return report;
    }

    /** Runs the statistics until the products' counted units reach {@code expected} or time is up; returns the units counted. */
    private long countUntil(RecordSalesStatistics statistics, List<Product> products, long expected) throws Exception {
        String ids = products.stream().map(product -> Long.toString(product.id().value())).collect(Collectors.joining(","));
        long deadline = System.nanoTime() + OutboxProbe.SETTLE.toNanos();
        while (true) {
            statistics.recordOnce();
            long counted = db().queryValue("SELECT SUM(quantity) FROM product_sales_daily WHERE product_id IN (" + ids + ")")
                    .map(value -> ((Number) value).longValue()).orElse(0L);
            if (counted >= expected || System.nanoTime() > deadline) {
                return counted;
            }
            Thread.sleep(20);
        }
    }

    private void awaitOneMoreTransactionWaitingForALock(long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transactionsWaitingForALock() <= before) {
            assertThat(System.nanoTime()).as("a transaction waits for a row lock in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Object repeatWhile(AtomicBoolean running, Supplier<?> run) throws InterruptedException {
        while (running.get()) {
            run.get();
            Thread.sleep(5);
        }
        return null;
    }
}
