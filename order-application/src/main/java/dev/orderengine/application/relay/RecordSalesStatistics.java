package dev.orderengine.application.relay;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second consumer of the outbox: adds the units of every completed order to the sales of its day, and takes the
 * units of every refund off the day its order completed, exactly once, since the totals and the cursor change in one
 * transaction under the cursor's lock. So the ranking is net of refunds. Also answers which products sold best lately.
 */
public final class RecordSalesStatistics {

    /** The cursor name of the statistics consumer. */
    public static final String CONSUMER = "sales-statistics";
    public static final int MAX_DAYS = 30;
    public static final int MAX_LIMIT = 100;

    private final Transactions transactions;
    private final OrderEventFeed feed;
    private final RelayCursors cursors;
    private final ProductSales sales;
    private final int batchSize;
    private final Clock clock;

    public RecordSalesStatistics(Transactions transactions, OrderEventFeed feed, RelayCursors cursors, ProductSales sales,
                                 int batchSize, Clock clock) {
        this.transactions = transactions;
        this.feed = feed;
        this.cursors = cursors;
        this.sales = sales;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Counts every event not counted yet; returns how many events it read. */
    public int recordOnce() {
        int total = 0;
        int read;
        do {
            read = transactions.inTransaction(this::recordBatch);
            total += read;
        } while (read == batchSize);
        return total;
    }

    private int recordBatch() {
        RelayCursor cursor = cursors.lock(CONSUMER);
        List<PublishedEvent> batch = feed.readAfter(cursor.position(), batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<DailySaleKey, Long> units = new LinkedHashMap<>();
        for (PublishedEvent published : batch) {
            OrderEvent event = feed.decode(published);
            OrderSnapshot order = event.snapshot();
            LocalDate day = order.completedAt().orElse(event.occurredAt()).atOffset(ZoneOffset.UTC).toLocalDate();
            switch (event.type()) {
                case ORDER_COMPLETED -> order.items().forEach(item ->
                        units.merge(new DailySaleKey(day, item.productId()), (long) item.quantity(), Long::sum));
                case ORDER_REFUNDED -> event.refund().orElseThrow().items().forEach(line ->
                        units.merge(new DailySaleKey(day, line.productId()), (long) -line.quantity(), Long::sum));
            }
        }
        sales.add(units.entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .map(e -> new DailySale(e.getKey().day(), e.getKey().productId(), e.getValue()))
                .toList());
        cursors.advance(CONSUMER, cursor.position(), batch.getLast().position(), clock.instant());
        return batch.size();
    }

    /** The best sellers of the last {@code days} days (today in UTC included), best first. */
    public List<PopularProduct> popular(int days, int limit) {
        InvalidInputException.require(days >= 1 && days <= MAX_DAYS, "days", "must be between 1 and " + MAX_DAYS);
        InvalidInputException.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        return transactions.readOnly(() -> sales.top(today.minusDays(days - 1L), today, limit));
    }

    private record DailySaleKey(LocalDate day, ProductId productId) {
    }
}
