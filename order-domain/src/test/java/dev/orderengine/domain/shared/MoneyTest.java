package dev.orderengine.domain.shared;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void always_holds_exactly_two_fraction_digits() {
        assertThat(Money.of(5).amount()).isEqualTo(new BigDecimal("5.00"));
        assertThat(money("5.1").amount()).isEqualTo(new BigDecimal("5.10"));
        assertThat(new Money(new BigDecimal("5.100")).amount()).isEqualTo(new BigDecimal("5.10"));
        assertThat(Money.ZERO.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void amounts_written_with_different_scales_are_equal() {
        assertThat(new Money(new BigDecimal("12.5000"))).isEqualTo(money("12.50")).isEqualTo(new Money(new BigDecimal("12.5")));
        assertThat(new Money(new BigDecimal("1E+3"))).isEqualTo(Money.of(1000));
    }

    @Test
    void prints_plain_digits_without_exponent() {
        assertThat(new Money(new BigDecimal("1E+3"))).hasToString("1000.00");
    }

    @Test
    void refuses_more_than_two_fraction_digits() {
        assertThatIllegalArgumentException().isThrownBy(() -> money("0.001"));
        assertThatIllegalArgumentException().isThrownBy(() -> money("10.125"));
    }

    @Test
    void refuses_negative_amounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> money("-0.01"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(-1));
    }

    @Test
    void refuses_a_missing_amount() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(null));
    }

    @Test
    void holds_at_most_what_a_decimal_19_2_column_holds() {
        assertThat(new Money(Money.MAX).amount()).isEqualTo(Money.MAX);
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(Money.MAX.add(new BigDecimal("0.01"))));
    }

    @Test
    void plus_adds_to_the_cent() {
        assertThat(money("10.25").plus(money("0.75"))).isEqualTo(money("11.00"));
    }

    @Test
    void refuses_a_sum_above_the_maximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(Money.MAX).plus(money("0.01")));
    }

    @Test
    void minus_subtracts_down_to_zero() {
        assertThat(money("10.00").minus(money("0.01"))).isEqualTo(money("9.99"));
        assertThat(money("10.00").minus(money("10.00"))).isEqualTo(Money.ZERO);
    }

    @Test
    void minus_refuses_to_go_below_zero() {
        assertThatIllegalArgumentException().isThrownBy(() -> money("10.00").minus(money("10.01")));
    }

    @Test
    void minus_at_most_to_zero_floors_at_zero() {
        assertThat(money("10.00").minusAtMostTo0(money("10.01"))).isEqualTo(Money.ZERO);
        assertThat(money("10.00").minusAtMostTo0(money("3.50"))).isEqualTo(money("6.50"));
        assertThat(money("10.00").minusAtMostTo0(money("10.00"))).isEqualTo(Money.ZERO);
    }

    @Test
    void multiplies_by_a_quantity() {
        assertThat(money("19.99").times(3)).isEqualTo(money("59.97"));
        assertThat(money("19.99").times(0)).isEqualTo(Money.ZERO);
        assertThat(money("19.99").times(1)).isEqualTo(money("19.99"));
    }

    @Test
    void refuses_a_negative_factor() {
        assertThatIllegalArgumentException().isThrownBy(() -> money("1.00").times(-1));
    }

    @Test
    void refuses_a_product_above_the_maximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(Money.MAX).times(2));
    }

    @Test
    void min_picks_the_smaller_amount() {
        assertThat(money("3").min(money("4"))).isEqualTo(money("3"));
        assertThat(money("4").min(money("3"))).isEqualTo(money("3"));
    }

    @Test
    void compares_by_value() {
        assertThat(money("0.01").isPositive()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(money("0.01").isZero()).isFalse();
        assertThat(money("1.00").isLessThan(money("1.01"))).isTrue();
        assertThat(money("1.00").isLessThan(money("1.00"))).isFalse();
        assertThat(money("1.01").isGreaterThan(money("1.00"))).isTrue();
        assertThat(money("1.00").isGreaterThan(money("1.00"))).isFalse();
        assertThat(money("2")).isGreaterThan(money("1.99"));
    }

    @Test
    void validating_factory_accepts_a_valid_amount_and_scales_it() {
        assertThat(Money.of(new BigDecimal("42.5"), "price")).isEqualTo(money("42.50"));
        assertThat(Money.of(new BigDecimal("0"), "price")).isEqualTo(Money.ZERO);
        assertThat(Money.of(new BigDecimal("1.000"), "price")).isEqualTo(money("1.00"));
    }

    @Test
    void validating_factory_names_the_field_of_a_missing_amount() {
        assertInvalid(() -> Money.of(null, "price"), "price");
    }

    @Test
    void validating_factory_names_the_field_of_a_negative_amount() {
        assertInvalid(() -> Money.of(new BigDecimal("-0.01"), "amount"), "amount");
    }

    @Test
    void validating_factory_names_the_field_of_an_amount_with_three_fraction_digits() {
        assertInvalid(() -> Money.of(new BigDecimal("0.005"), "discountAmount"), "discountAmount");
    }

    @Test
    void validating_factory_names_the_field_of_a_too_large_amount() {
        assertInvalid(() -> Money.of(Money.MAX.add(new BigDecimal("0.01")), "price"), "price");
        assertThat(Money.of(Money.MAX, "price").amount()).isEqualTo(Money.MAX);
    }
}
