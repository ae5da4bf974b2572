package dev.orderengine.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.orderengine.domain.DomainAssertions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MoneyPropertiesTest {

    /** Up to a trillion: every balance and order total the engine allows, with room to add two of them. */
    @Provide
    Arbitrary<Money> amounts() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("1000000000000"))
                .ofScale(2)
                .map(Money::new);
    }

    @Property
    void minus_undoes_plus(@ForAll("amounts") Money a, @ForAll("amounts") Money b) {
        assertThat(a.plus(b).minus(b)).isEqualTo(a);
    }

    @Property
    void plus_is_commutative(@ForAll("amounts") Money a, @ForAll("amounts") Money b) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property
    void minus_succeeds_exactly_when_the_result_is_not_negative(@ForAll("amounts") Money a, @ForAll("amounts") Money b) {
        if (b.isGreaterThan(a)) {
            assertThatIllegalArgumentException().isThrownBy(() -> a.minus(b));
        } else {
            assertThat(a.minus(b).plus(b)).isEqualTo(a);
        }
    }

    @Property
    void minus_at_most_to_zero_is_max_of_zero_and_the_difference(@ForAll("amounts") Money a, @ForAll("amounts") Money b) {
        Money result = a.minusAtMostTo0(b);

        assertThat(result.amount().signum()).isNotNegative();
        assertThat(result.amount()).isEqualByComparingTo(a.amount().subtract(b.amount()).max(BigDecimal.ZERO));
    }

    @Property
    void times_equals_repeated_plus(@ForAll("amounts") Money a, @ForAll @IntRange(min = 0, max = 1000) int n) {
        Money sum = Money.ZERO;
        for (int i = 0; i < n; i++) {
            sum = sum.plus(a);
        }
        assertThat(a.times(n)).isEqualTo(sum);
    }

    @Property
    void min_is_one_of_the_two_and_not_greater_than_either(@ForAll("amounts") Money a, @ForAll("amounts") Money b) {
        Money min = a.min(b);

        assertThat(min).isIn(a, b);
        assertThat(min.isGreaterThan(a) || min.isGreaterThan(b)).isFalse();
    }

    @Property
    void validating_factory_keeps_any_amount_with_at_most_two_fraction_digits(
            @ForAll @IntRange(min = 0, max = 2) int scale, @ForAll("amounts") Money template) {
        BigDecimal input = template.amount().setScale(scale, RoundingMode.DOWN);

        assertThat(Money.of(input, "amount").amount()).isEqualByComparingTo(input).hasScaleOf(2);
    }

    @Property
    void validating_factory_refuses_any_amount_with_a_third_fraction_digit(@ForAll("amounts") Money a,
                                                                          @ForAll @IntRange(min = 1, max = 9) int thousandths) {
        BigDecimal input = a.amount().add(BigDecimal.valueOf(thousandths, 3));

        DomainAssertions.assertInvalid(() -> Money.of(input, "amount"), "amount");
    }
}
