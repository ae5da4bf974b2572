package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.DeadLetters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link DeadLetters} in memory. */
final class InMemoryDeadLetters implements DeadLetters {

    private final AtomicLong ids = new AtomicLong();
    private final Table<Long, DeadLetter> letters;

    InMemoryDeadLetters(TransactionScope scope) {
        this.letters = new Table<>(scope, new TreeMap<>());
    }

    @Override
    public void add(DeadLetter letter) {
        letters.insert(ids.incrementAndGet(), letter, "dead letter");
    }

    @Override
    public long count(String consumer) {
        return letters.rows().stream().filter(letter -> letter.consumer().equals(consumer)).count();
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        List<Long> due = letters.copy().entrySet().stream()
                .filter(entry -> entry.getValue().createdAt().isBefore(cutoff))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        due.forEach(letters::remove);
        return due.size();
    }

    List<DeadLetter> all() {
        return letters.rows();
    }
}
