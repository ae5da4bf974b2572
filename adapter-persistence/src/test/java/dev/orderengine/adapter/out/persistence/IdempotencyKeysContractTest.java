package dev.orderengine.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency records: each state a claim can find, and a held key refused at once rather than waited for. */
abstract class IdempotencyKeysContractTest extends StorageContract {

    private static final String FINGERPRINT = "f".repeat(64);
    private static final Duration AT_ONCE = Duration.ofMillis(500);

    private IdempotencyKey key;

    @BeforeEach
    void newKey() {
        User user = fixtures().user();
        key = new IdempotencyKey(user.id(), "key-" + UUID.randomUUID());
    }

    @Test
    void an_unknown_key_is_fresh() {
        assertThat(claim()).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void a_key_whose_first_request_stored_neither_order_nor_outcome_is_fresh_again() {
        claim();

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void a_key_that_rolled_back_with_its_request_is_unknown_again() {
        assertThatThrownBy(() -> tx(() -> {
            adapter().idempotencyKeys().claim(key, FINGERPRINT);
            throw new IllegalStateException("the request failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void a_key_with_an_attached_order_is_resumable_with_it() {
        tx(() -> {
            adapter().idempotencyKeys().claim(key, FINGERPRINT);
            adapter().idempotencyKeys().attachOrder(key, 42);
        });

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Resumable(42));
    }

    @Test
    void a_completed_key_repeats_an_order_outcome() {
        complete(IdempotentOutcome.order(7));

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Completed(IdempotentOutcome.order(7)));
    }

    @Test
    void a_completed_key_repeats_a_failed_order_outcome() {
        complete(IdempotentOutcome.orderFailed(8, ErrorCode.INSUFFICIENT_BALANCE));

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Completed(IdempotentOutcome.orderFailed(8, ErrorCode.INSUFFICIENT_BALANCE)));
    }

    @Test
    void a_completed_key_repeats_a_balance_outcome() {
        complete(IdempotentOutcome.balance(Money.of("1234.50")));

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Completed(IdempotentOutcome.balance(Money.of("1234.50"))));
    }

    @Test
    void a_key_used_with_another_request_is_refused_as_reused() {
        claim();

        assertThatThrownBy(() -> tx(() -> adapter().idempotencyKeys().claim(key, "0".repeat(64))))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void keys_are_scoped_per_user() {
        claim();
        IdempotencyKey sameValueOtherUser = new IdempotencyKey(fixtures().user().id(), key.value());

        assertThat(tx(() -> adapter().idempotencyKeys().claim(sameValueOtherUser, "0".repeat(64)))).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void a_stored_key_held_by_a_running_transaction_is_in_use_at_once() throws Exception {
        claim();

        assertInUseAtOnceWhileAnotherTransactionHoldsTheKey();
    }

    @Test
    void a_completed_key_is_repeated_while_another_repeat_of_it_is_running() throws Exception {
        complete(IdempotentOutcome.order(7));

        whileAnotherTransactionClaimed(() -> { }, () -> {
            assertThat(claim()).isEqualTo(new IdempotencyClaim.Completed(IdempotentOutcome.order(7)));
            assertThatThrownBy(() -> tx(() -> adapter().idempotencyKeys().claim(key, "0".repeat(64))))
                    .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        });
    }

    @Test
    void a_key_inserted_by_a_transaction_not_yet_committed_is_in_use_at_once() throws Exception {
        assertInUseAtOnceWhileAnotherTransactionHoldsTheKey();
    }

    @Test
    void once_the_holder_commits_the_key_can_be_claimed() throws Exception {
        whileAnotherTransactionClaimed(() -> adapter().idempotencyKeys().attachOrder(key, 9), () -> { });

        assertThat(claim()).isEqualTo(new IdempotencyClaim.Resumable(9));
    }

    @Test
    void attaching_or_completing_a_key_never_claimed_is_a_bug() {
        assertThatThrownBy(() -> tx(() -> adapter().idempotencyKeys().attachOrder(key, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tx(() -> adapter().idempotencyKeys().complete(key, IdempotentOutcome.order(1))))
                .isInstanceOf(IllegalStateException.class);
    }

    private void assertInUseAtOnceWhileAnotherTransactionHoldsTheKey() throws Exception {
        whileAnotherTransactionClaimed(() -> { }, () -> {
            long started = System.nanoTime();
            assertThatThrownBy(this::claim)
                    .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting").isLessThan(AT_ONCE);
        });
    }

    /**
     * Another thread claims the key and runs {@code thenInThatTransaction}; while its transaction stays open,
     * {@code meanwhile} runs here; then that transaction commits.
     */
    private void whileAnotherTransactionClaimed(Runnable thenInThatTransaction, Runnable meanwhile) throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = inThread(() -> tx(() -> {
            adapter().idempotencyKeys().claim(key, FINGERPRINT);
            thenInThatTransaction.run();
            claimed.countDown();
            await(release);
            return null;
        }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            meanwhile.run();
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
    }

    private IdempotencyClaim claim() {
        return tx(() -> adapter().idempotencyKeys().claim(key, FINGERPRINT));
    }

    private void complete(IdempotentOutcome outcome) {
        tx(() -> {
            adapter().idempotencyKeys().claim(key, FINGERPRINT);
            adapter().idempotencyKeys().complete(key, outcome);
        });
    }
}
