package dev.orderengine.application.inmemory;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} in memory, each created at the storage clock's time and kept until
 * {@link #deleteCreatedBefore} removes it.
 * {@code IDEMPOTENCY_KEY_IN_USE} never happens here: transactions are serialised by one lock, so no other
 * transaction can hold a key while {@link #claim} runs. A key whose earlier transaction committed without an
 * order or an outcome is claimed afresh.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private final Table<IdempotencyKey, KeyRecord> keys;
    private final Clock clock;

    private record KeyRecord(String fingerprint, Optional<Long> orderId, Optional<IdempotentOutcome> outcome, Instant createdAt) {
    }

    InMemoryIdempotencyKeys(TransactionScope scope, Clock clock) {
        this.keys = new Table<>(scope, new HashMap<>());
        this.clock = clock;
    }

    @Override
    public IdempotencyClaim claim(IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Optional<KeyRecord> known = keys.find(key);
        if (known.isEmpty()) {
            keys.put(key, new KeyRecord(fingerprint, Optional.empty(), Optional.empty(), clock.instant()));
            return new IdempotencyClaim.Fresh();
        }
        KeyRecord record = known.get();
        if (!record.fingerprint().equals(fingerprint)) {
            throw new RejectedException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key was already used with another request");
        }
        if (record.outcome().isPresent()) {
            return new IdempotencyClaim.Completed(record.outcome().get());
        }
        return record.orderId().<IdempotencyClaim>map(IdempotencyClaim.Resumable::new).orElseGet(IdempotencyClaim.Fresh::new);
    }

    @Override
    public void attachOrder(IdempotencyKey key, long orderId) {
        KeyRecord record = keys.existing(key, "Idempotency-Key");
        keys.put(key, new KeyRecord(record.fingerprint(), Optional.of(orderId), record.outcome(), record.createdAt()));
    }

    @Override
    public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        KeyRecord record = keys.existing(key, "Idempotency-Key");
        keys.put(key, new KeyRecord(record.fingerprint(), outcome.orderId().or(record::orderId), Optional.of(outcome), record.createdAt()));
    }

    @Override
    public int deleteCreatedBefore(Instant cutoff, int limit) {
        List<IdempotencyKey> due = keys.copy().entrySet().stream()
                .filter(entry -> entry.getValue().createdAt().isBefore(cutoff))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        due.forEach(keys::remove);
        return due.size();
    }
}
