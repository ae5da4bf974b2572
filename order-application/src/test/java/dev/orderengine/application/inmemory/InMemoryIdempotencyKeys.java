package dev.orderengine.application.inmemory;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotencyKeys;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} in memory, kept for the life of the storage (well over the 24 hours promised).
 * {@code IDEMPOTENCY_KEY_IN_USE} never happens here: transactions are serialised by one lock, so no other
 * transaction can hold a key while {@link #claim} runs. A key whose earlier transaction committed without an
 * order or an outcome is claimed afresh.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private final Table<IdempotencyKey, KeyRecord> keys;

    private record KeyRecord(String fingerprint, Optional<Long> orderId, Optional<IdempotentOutcome> outcome) {
    }

    InMemoryIdempotencyKeys(TransactionScope scope) {
        this.keys = new Table<>(scope, new HashMap<>());
    }

    @Override
    public IdempotencyClaim claim(IdempotencyKey key, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Optional<KeyRecord> known = keys.find(key);
        if (known.isEmpty()) {
            keys.put(key, new KeyRecord(fingerprint, Optional.empty(), Optional.empty()));
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
        keys.put(key, new KeyRecord(record.fingerprint(), Optional.of(orderId), record.outcome()));
    }

    @Override
    public void complete(IdempotencyKey key, IdempotentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        KeyRecord record = keys.existing(key, "Idempotency-Key");
        keys.put(key, new KeyRecord(record.fingerprint(), outcome.orderId().or(record::orderId), Optional.of(outcome)));
    }
}
