package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.DeadLetter;
import dev.orderengine.application.relay.DeadLetters;
import java.util.List;
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

    List<DeadLetter> all() {
        return letters.rows();
    }
}
