package dev.orderengine.application.order;

import dev.orderengine.application.port.Fingerprint;
import dev.orderengine.application.port.IdempotencyKey;
import java.util.Optional;

/** A request's idempotency key with the fingerprint that tells its repeats from other requests. */
record IdempotencyGuard(IdempotencyKey key, String fingerprint) {

    static Optional<IdempotencyGuard> of(Optional<IdempotencyKey> key, String operation, String canonicalRequest) {
        return key.map(k -> new IdempotencyGuard(k, Fingerprint.of(operation, canonicalRequest)));
    }
}
