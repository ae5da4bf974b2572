package dev.orderengine.application.port;

import java.util.Objects;

/** The state of an idempotency key as found by {@link IdempotencyKeys#claim}. */
public sealed interface IdempotencyClaim {

    /** The key was unknown: it is now recorded in the current transaction and held by it. */
    record Fresh() implements IdempotencyClaim {
    }

    /**
     * The key is known, its first request got as far as creating order {@code orderId} but did not finish
     * (it failed or crashed between two of its transactions). The current transaction now holds the key.
     */
    record Resumable(long orderId) implements IdempotencyClaim {
    }

    /** The first request finished; repeat its outcome. */
    record Completed(IdempotentOutcome outcome) implements IdempotencyClaim {

        public Completed {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
