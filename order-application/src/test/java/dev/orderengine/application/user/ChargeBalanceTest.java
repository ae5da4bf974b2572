package dev.orderengine.application.user;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.UserStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ChargeBalanceTest {

    private final Shop shop = new Shop();

    @Test
    void adds_the_charge_to_the_balance_and_records_it() {
        UserId ada = shop.customerWith(0);

        BalanceView balance = charge(ada, won(2_500));

        assertThat(balance).isEqualTo(new BalanceView(ada, won(2_500)));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(2_500));
        assertThat(shop.historyOf(ada)).containsExactly(
                new BalanceChange(ada, BalanceChangeType.CHARGE, won(2_500), won(2_500), Optional.empty(), OPENING));
    }

    @Test
    void keeps_the_history_newest_first_with_the_balance_after_each_change() {
        UserId ada = shop.customerWith(5_000);
        shop.clock().advance(Duration.ofMinutes(1));
        OrderId order = shop.orderBy(ada).item(shop.product(1_200, 5), 1).place().order().id();
        shop.clock().advance(Duration.ofMinutes(1));
        shop.charge(ada, 300);

        assertThat(shop.historyOf(ada))
                .extracting(BalanceChange::type, BalanceChange::amount, BalanceChange::balanceAfter, BalanceChange::orderId, BalanceChange::createdAt)
                .containsExactly(
                        tuple(BalanceChangeType.CHARGE, won(300), won(4_100), Optional.empty(), OPENING.plusSeconds(120)),
                        tuple(BalanceChangeType.USE, won(1_200), won(3_800), Optional.of(order), OPENING.plusSeconds(60)),
                        tuple(BalanceChangeType.CHARGE, won(5_000), won(5_000), Optional.empty(), OPENING));
    }

    @Test
    void keeps_changes_made_at_the_same_instant_in_the_order_they_happened() {
        UserId ada = shop.customerWith(0);

        shop.charge(ada, 1);
        shop.charge(ada, 2);
        shop.charge(ada, 3);

        assertThat(shop.historyOf(ada)).extracting(BalanceChange::amount).containsExactly(won(3), won(2), won(1));
    }

    @Test
    void refuses_a_charge_of_zero_and_records_nothing() {
        UserId ada = shop.customerWith(0);

        assertInvalidAmount(() -> charge(ada, Money.ZERO));

        assertThat(shop.balanceOf(ada)).isEqualTo(Money.ZERO);
        assertThat(shop.historyOf(ada)).isEmpty();
    }

    @Test
    void cannot_express_a_negative_charge() {
        assertInvalidAmount(() -> Money.of(new BigDecimal("-0.01"), "amount"));
        assertThatThrownBy(() -> Money.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accepts_ten_million_in_one_charge_and_refuses_a_cent_more() {
        UserId ada = shop.customerWith(0);

        charge(ada, Balance.MAX_CHARGE);
        assertInvalidAmount(() -> charge(ada, Money.of("10000000.01")));

        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000_000));
        assertThat(shop.historyOf(ada)).hasSize(1);
    }

    @Test
    void refuses_a_charge_that_would_take_the_balance_over_its_cap() {
        UserId ada = shop.customerWith(0);
        Money almostFull = Balance.MAX_BALANCE.minus(won(5));
        storeBalance(ada, almostFull);

        assertInvalidAmount(() -> charge(ada, won(6)));
        charge(ada, won(5));

        assertThat(shop.balanceOf(ada)).isEqualTo(Balance.MAX_BALANCE);
    }

    @Test
    void refuses_an_unknown_or_inactive_user() {
        failsWith(ErrorCode.USER_NOT_FOUND, () -> charge(new UserId(999), won(1)));
        UserId suspended = shop.inactiveCustomer();

        failsWith(ErrorCode.USER_INACTIVE, () -> charge(suspended, won(1)));

        assertThat(shop.balanceOf(suspended)).isEqualTo(Money.ZERO);
    }

    @Test
    void registers_an_active_user_with_an_empty_balance() {
        var user = shop.engine().users().registerUser().register(new RegisterUserCommand("  Ada Lovelace "));

        assertThat(user.name()).isEqualTo("Ada Lovelace");
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(shop.engine().users().queries().user(user.id()).name()).isEqualTo("Ada Lovelace");
        assertThat(shop.balanceOf(user.id())).isEqualTo(Money.ZERO);
        assertThat(shop.historyOf(user.id())).isEmpty();
        assertThat(shop.engine().users().queries().coupons(user.id(), new PageRequest(0, 100)).items()).isEmpty();
    }

    @Test
    void refuses_a_blank_or_overlong_name() {
        RegisterUser register = shop.engine().users().registerUser();

        failsWith(ErrorCode.VALIDATION_FAILED, () -> register.register(new RegisterUserCommand("   ")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> register.register(new RegisterUserCommand(null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> register.register(new RegisterUserCommand("x".repeat(101))));
        assertThat(register.register(new RegisterUserCommand("x".repeat(100))).name()).hasSize(100);
    }

    @Test
    void refuses_every_read_of_an_unknown_user() {
        UserQueries queries = shop.engine().users().queries();
        UserId nobody = new UserId(999);

        failsWith(ErrorCode.USER_NOT_FOUND, () -> queries.user(nobody));
        failsWith(ErrorCode.USER_NOT_FOUND, () -> queries.balance(nobody));
        failsWith(ErrorCode.USER_NOT_FOUND, () -> queries.balanceHistory(nobody, new PageRequest(0, 20)));
        failsWith(ErrorCode.USER_NOT_FOUND, () -> queries.coupons(nobody, new PageRequest(0, 20)));
    }

    private BalanceView charge(UserId user, Money amount) {
        return shop.engine().users().chargeBalance().charge(new ChargeBalanceCommand(user, amount, Optional.empty()));
    }

    /** No use case fills a balance to its cap in reasonable time, so the balance row is written directly. */
    private void storeBalance(UserId user, Money amount) {
        var ports = shop.ports();
        ports.transactions().inTransaction(() -> {
            Balance balance = Balance.restore(user, amount);
            ports.balances().save(balance, new BalanceChange(user, BalanceChangeType.CHARGE, amount, amount, Optional.empty(), OPENING));
            return null;
        });
    }

    private static void assertInvalidAmount(ThrowingCallable call) {
        assertThat(failsWith(ErrorCode.VALIDATION_FAILED, call))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.field()).isEqualTo("amount"));
    }
}
