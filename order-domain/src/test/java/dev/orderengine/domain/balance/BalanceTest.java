package dev.orderengine.domain.balance;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.ORDER;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BalanceTest {

    @Test
    void a_new_balance_is_empty() {
        Balance balance = Balance.openFor(CUSTOMER);

        assertThat(balance.userId()).isEqualTo(CUSTOMER);
        assertThat(balance.amount()).isEqualTo(Money.ZERO);
    }

    @Test
    void charging_adds_money_and_records_a_charge() {
        Balance balance = Balance.restore(CUSTOMER, money("100"));

        BalanceChange change = balance.charge(money("250.50"), NOW);

        assertThat(balance.amount()).isEqualTo(money("350.50"));
        assertThat(change).isEqualTo(new BalanceChange(CUSTOMER, BalanceChangeType.CHARGE, money("250.50"),
                money("350.50"), Optional.empty(), NOW));
    }

    @Test
    void refuses_to_charge_nothing() {
        Balance balance = Balance.openFor(CUSTOMER);

        assertInvalid(() -> balance.charge(Money.ZERO, NOW), "amount");
        assertThat(balance.amount()).isEqualTo(Money.ZERO);
    }

    @Test
    void charges_at_most_ten_million_at_once() {
        Balance balance = Balance.openFor(CUSTOMER);

        assertInvalid(() -> balance.charge(Balance.MAX_CHARGE.plus(money("0.01")), NOW), "amount");
        assertThat(balance.amount()).isEqualTo(Money.ZERO);

        balance.charge(Balance.MAX_CHARGE, NOW);
        assertThat(balance.amount()).isEqualTo(money("10000000"));
    }

    @Test
    void a_charge_may_fill_the_balance_up_to_its_maximum() {
        Balance balance = Balance.restore(CUSTOMER, Balance.MAX_BALANCE.minus(money("1")));

        balance.charge(money("1"), NOW);

        assertThat(balance.amount()).isEqualTo(Balance.MAX_BALANCE);
    }

    @Test
    void refuses_a_charge_that_would_take_the_balance_over_its_maximum() {
        Money nearlyFull = Balance.MAX_BALANCE.minus(money("1"));
        Balance balance = Balance.restore(CUSTOMER, nearlyFull);

        assertInvalid(() -> balance.charge(money("1.01"), NOW), "amount");
        assertThat(balance.amount()).isEqualTo(nearlyFull);
    }

    @Test
    void paying_takes_the_money_and_records_the_order() {
        Balance balance = Balance.restore(CUSTOMER, money("100"));

        BalanceChange change = balance.pay(money("30.25"), ORDER, minutesLater(1));

        assertThat(balance.amount()).isEqualTo(money("69.75"));
        assertThat(change).isEqualTo(new BalanceChange(CUSTOMER, BalanceChangeType.USE, money("30.25"),
                money("69.75"), Optional.of(ORDER), minutesLater(1)));
    }

    @Test
    void paying_the_whole_balance_leaves_zero() {
        Balance balance = Balance.restore(CUSTOMER, money("100"));

        assertThat(balance.pay(money("100"), ORDER, NOW).balanceAfter()).isEqualTo(Money.ZERO);
        assertThat(balance.amount()).isEqualTo(Money.ZERO);
    }

    @Test
    void refuses_to_pay_more_than_the_balance_and_leaves_it_unchanged() {
        Balance balance = Balance.restore(CUSTOMER, money("100"));

        assertRejected(() -> balance.pay(money("100.01"), ORDER, NOW), ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(balance.amount()).isEqualTo(money("100"));
    }

    @Test
    void an_empty_balance_can_pay_an_order_that_costs_nothing() {
        Balance balance = Balance.openFor(CUSTOMER);

        assertThat(balance.pay(Money.ZERO, ORDER, NOW).balanceAfter()).isEqualTo(Money.ZERO);
    }

    @Test
    void history_follows_the_balance_through_charges_and_payments() {
        Balance balance = Balance.openFor(CUSTOMER);

        BalanceChange first = balance.charge(money("50"), NOW);
        BalanceChange second = balance.pay(money("20"), ORDER, minutesLater(1));
        BalanceChange third = balance.charge(money("5"), minutesLater(2));

        assertThat(first.balanceAfter()).isEqualTo(money("50"));
        assertThat(second.balanceAfter()).isEqualTo(money("30"));
        assertThat(third.balanceAfter()).isEqualTo(money("35"));
        assertThat(third.balanceAfter()).isEqualTo(balance.amount());
    }

    @Test
    void a_refund_restores_money_with_its_order_even_past_the_most_a_charge_may_fill() {
        Balance balance = Balance.restore(CUSTOMER, Balance.MAX_BALANCE);

        BalanceChange change = balance.restoreFromRefund(money("30.25"), ORDER, minutesLater(1));

        assertThat(balance.amount()).isEqualTo(Balance.MAX_BALANCE.plus(money("30.25")));
        assertThat(change).isEqualTo(new BalanceChange(CUSTOMER, BalanceChangeType.RESTORE, money("30.25"),
                Balance.MAX_BALANCE.plus(money("30.25")), Optional.of(ORDER), minutesLater(1)));
    }
}
