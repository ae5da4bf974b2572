package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Balances, their history, their lock and the database's refusal of a negative balance. */
abstract class BalanceStorageContractTest extends StorageContract {

    @Test
    void stores_the_empty_balance_of_a_new_user() {
        User user = fixtures().user();

        assertThat(readOnly(() -> adapter().balances().findByUser(user.id()))).map(Balance::amount).contains(Money.ZERO);
        assertThat(readOnly(() -> adapter().balances().history(user.id(), new PageRequest(0, 100)).items())).isEmpty();
    }

    @Test
    void finds_no_balance_for_an_unknown_user() {
        assertThat(readOnly(() -> adapter().balances().findByUser(new UserId(Long.MAX_VALUE)))).isEmpty();
        assertThat(tx(() -> adapter().balances().lockByUser(new UserId(Long.MAX_VALUE)))).isEmpty();
    }

    @Test
    void saves_a_locked_balance_and_keeps_its_history_newest_first() {
        User user = fixtures().user();
        Order order = fixtures().allocatedOrder(user, NOW, fixtures().product(300, 10));
        tx(() -> {
            Balance balance = adapter().balances().lockByUser(user.id()).orElseThrow();
            adapter().balances().save(balance, balance.charge(Money.of("1000.50"), NOW));
        });
        tx(() -> {
            Balance balance = adapter().balances().lockByUser(user.id()).orElseThrow();
            adapter().balances().save(balance, balance.pay(Money.of(300), order.id(), NOW.plusSeconds(1)));
        });

        assertThat(readOnly(() -> adapter().balances().findByUser(user.id()))).map(Balance::amount).contains(Money.of("700.50"));
        assertThat(readOnly(() -> adapter().balances().history(user.id(), new PageRequest(0, 100)).items())).containsExactly(
                new BalanceChange(user.id(), BalanceChangeType.USE, Money.of(300), Money.of("700.50"), Optional.of(order.id()), NOW.plusSeconds(1)),
                new BalanceChange(user.id(), BalanceChangeType.CHARGE, Money.of("1000.50"), Money.of("1000.50"), Optional.empty(), NOW));
        Page<BalanceChange> second = readOnly(() -> adapter().balances().history(user.id(), new PageRequest(1, 1)));
        assertThat(second.items()).extracting(BalanceChange::type).containsExactly(BalanceChangeType.CHARGE);
        assertThat(second.total()).isEqualTo(2);
    }

    @Test
    void the_database_refuses_a_negative_balance() {
        User user = fixtures().user();

        assertThatThrownBy(() -> db().update("UPDATE balances SET amount = -0.01 WHERE user_id = ?", user.id().value()))
                .isInstanceOf(SQLException.class).hasMessageContaining("balances_amount_ck");
    }

    @Test
    void lock_by_user_makes_a_second_transaction_wait_until_the_first_commits() throws Exception {
        User user = fixtures().user();

        assertSecondLockWaitsForFirstCommit(() -> adapter().balances().lockByUser(user.id()).orElseThrow());
    }

    @Test
    void a_lock_that_waited_returns_the_balance_the_other_transaction_committed() throws Exception {
        User user = fixtures().userWithBalance(100);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> charger = inThread(() -> tx(() -> {
            Balance balance = adapter().balances().lockByUser(user.id()).orElseThrow();
            locked.countDown();
            await(release);
            adapter().balances().save(balance, balance.charge(Money.of(50), NOW));
            return null;
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Money> reader = inThread(() -> tx(() -> adapter().balances().lockByUser(user.id()).orElseThrow().amount()));
        Thread.sleep(100);
        release.countDown();

        charger.get(10, TimeUnit.SECONDS);
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(Money.of(150));
    }

    @Test
    void a_lock_after_an_unlocked_read_in_the_same_transaction_returns_the_latest_committed_balance() throws Exception {
        User user = fixtures().userWithBalance(100);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch charged = new CountDownLatch(1);
        Future<Money> reader = inThread(() -> tx(() -> {
            adapter().balances().findByUser(user.id()).orElseThrow();
            read.countDown();
            await(charged);
            return adapter().balances().lockByUser(user.id()).orElseThrow().amount();
        }));
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
        fixtures().charge(user, 50);
        charged.countDown();

        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(Money.of(150));
    }

    @Test
    void concurrent_charges_of_one_user_are_all_kept() throws Exception {
        User user = fixtures().user();
        List<Future<Object>> charges = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            charges.add(inThread(() -> tx(() -> {
                Balance balance = adapter().balances().lockByUser(user.id()).orElseThrow();
                adapter().balances().save(balance, balance.charge(Money.of(10), NOW));
                return null;
            })));
        }
        for (Future<Object> charge : charges) {
            charge.get(30, TimeUnit.SECONDS);
        }

        assertThat(readOnly(() -> adapter().balances().findByUser(user.id()))).map(Balance::amount).contains(Money.of(400));
        assertThat(readOnly(() -> adapter().balances().history(user.id(), new PageRequest(0, 100)).items())).hasSize(40)
                .extracting(BalanceChange::balanceAfter).doesNotHaveDuplicates();
    }
}
