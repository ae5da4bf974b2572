package dev.orderengine.application.port;

import java.time.Instant;

/**
 * Records of idempotency keys, so that a repeated request is applied at most once and answered the same way.
 *
 * <p>Every method joins the caller's current transaction. A key is claimed in the same transaction as the
 * first effect it guards, so a crash can never leave an effect without its key, or a key without its effect.
 * Records are kept at least as long as the configured retention (24 hours by default), then deleted by
 * {@link #deleteCreatedBefore}. Concurrency contract (across threads and nodes): while one transaction
 * holds a key, {@link #claim} of the same key in another transaction fails at once with
 * {@code IDEMPOTENCY_KEY_IN_USE} rather than waiting.
 */
public interface IdempotencyKeys {

    /**
     * Claims {@code key} for a request whose canonical form hashes to {@code fingerprint}.
     *
     * @throws dev.orderengine.domain.shared.RejectedException {@code IDEMPOTENCY_KEY_REUSED} (the key was
     *         used with another request) or {@code IDEMPOTENCY_KEY_IN_USE} (another transaction holds it); after
     *         either the caller must roll back its transaction (on PostgreSQL the refusal has aborted it)
     */
    IdempotencyClaim claim(IdempotencyKey key, String fingerprint);

    /** Notes on a claimed key the order its request created, so that a repeat can resume with it. */
    void attachOrder(IdempotencyKey key, long orderId);

    /** Marks a claimed key finished with {@code outcome}. */
    void complete(IdempotencyKey key, IdempotentOutcome outcome);

    /** Deletes up to {@code limit} records created before {@code cutoff}; returns how many it deleted. */
    int deleteCreatedBefore(Instant cutoff, int limit);
}
