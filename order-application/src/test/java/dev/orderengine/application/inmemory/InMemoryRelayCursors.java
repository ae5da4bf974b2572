package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.RelayCursor;
import dev.orderengine.application.relay.RelayCursors;
import dev.orderengine.application.relay.RelayPosition;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link RelayCursors} in memory; {@link #lock} is trivially a lock since transactions run one at a time. */
final class InMemoryRelayCursors implements RelayCursors {

    private final Table<String, RelayCursor> cursors;

    InMemoryRelayCursors(TransactionScope scope) {
        this.cursors = new Table<>(scope, new TreeMap<>());
    }

    @Override
    public RelayCursor get(String consumer) {
        return cursors.find(consumer).orElseGet(() -> RelayCursor.atStart(consumer));
    }

    @Override
    public RelayCursor lock(String consumer) {
        RelayCursor cursor = get(consumer);
        if (!cursors.contains(consumer)) {
            cursors.put(consumer, cursor);
        }
        return cursor;
    }

    @Override
    public boolean advance(String consumer, RelayPosition expected, RelayPosition reached, Instant deliveredAt) {
        RelayCursor cursor = get(consumer);
        if (!cursor.position().equals(expected)) {
            return false;
        }
        Set<Long> stillAhead = new HashSet<>(cursor.acknowledgedAhead());
        stillAhead.removeIf(eventId -> eventId <= reached.eventId());
        cursors.put(consumer, new RelayCursor(consumer, reached, 0, Optional.empty(), Optional.of(deliveredAt), cursor.lastError(),
                stillAhead));
        return true;
    }

    @Override
    public void acknowledge(String consumer, Collection<RelayPosition> events) {
        RelayCursor cursor = lock(consumer);
        Set<Long> ahead = new HashSet<>(cursor.acknowledgedAhead());
        events.forEach(position -> ahead.add(position.eventId()));
        cursors.put(consumer, new RelayCursor(consumer, cursor.position(), cursor.consecutiveFailures(), cursor.retryAt(),
                cursor.lastDeliveredAt(), cursor.lastError(), ahead));
    }

    @Override
    public void recordFailure(String consumer, String error, int consecutiveFailures, Instant retryAt) {
        RelayCursor cursor = get(consumer);
        cursors.put(consumer, new RelayCursor(consumer, cursor.position(), consecutiveFailures, Optional.of(retryAt),
                cursor.lastDeliveredAt(), Optional.of(error), cursor.acknowledgedAhead()));
    }

    @Override
    public void reset(String consumer, RelayPosition position) {
        RelayCursor cursor = get(consumer);
        cursors.put(consumer, new RelayCursor(consumer, position, 0, Optional.empty(), cursor.lastDeliveredAt(), cursor.lastError(),
                Set.of()));
    }

    @Override
    public List<RelayCursor> all() {
        return cursors.rows();
    }
}
