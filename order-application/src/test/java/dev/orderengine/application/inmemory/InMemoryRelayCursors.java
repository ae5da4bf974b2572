package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.RelayCursor;
import dev.orderengine.application.relay.RelayCursors;
import dev.orderengine.application.relay.RelayPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@link RelayCursors} in memory; {@link #lock} is trivially a lock since transactions run one at a time. */
final class InMemoryRelayCursors implements RelayCursors {

    private final Table<String, RelayCursor> cursors;

    InMemoryRelayCursors(TransactionScope scope) {
        this.cursors = new Table<>(scope, new TreeMap<>());
    }

    @Override
    public RelayCursor get(String consumer) {
        return cursors.find(consumer).orElseGet(() -> new RelayCursor(consumer, RelayPosition.START, 0,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Override
    public RelayCursor lock(String consumer) {
        return get(consumer);
    }

    @Override
    public boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt) {
        RelayCursor cursor = get(consumer);
        if (!cursor.position().equals(expected)) {
            return false;
        }
        cursors.put(consumer, new RelayCursor(consumer, reached, 0, Optional.empty(), Optional.of(deliveredAt), cursor.lastError()));
        return true;
    }

    @Override
    public void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt) {
        RelayCursor cursor = get(consumer);
        cursors.put(consumer, new RelayCursor(consumer, cursor.position(), consecutiveFailures, Optional.of(retryAt),
                cursor.lastDeliveredAt(), Optional.of(error)));
    }

    @Override
    public void reset(String consumer, RelayPosition position) {
        RelayCursor cursor = get(consumer);
        cursors.put(consumer, new RelayCursor(consumer, position, 0, Optional.empty(), cursor.lastDeliveredAt(), cursor.lastError()));
    }

    @Override
    public List<RelayCursor> all() {
        return cursors.rows();
    }
}
