package dev.orderengine.domain;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdsTest {

    static Stream<Arguments> ids() {
        return Stream.of(
                Arguments.of("userId", (LongFunction<Object>) UserId::new),
                Arguments.of("productId", (LongFunction<Object>) ProductId::new),
                Arguments.of("couponId", (LongFunction<Object>) CouponId::new),
                Arguments.of("couponSourceId", (LongFunction<Object>) CouponSourceId::new),
                Arguments.of("orderId", (LongFunction<Object>) OrderId::new),
                Arguments.of("paymentId", (LongFunction<Object>) PaymentId::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void accepts_positive_values_and_prints_the_bare_number(String field, LongFunction<Object> id) {
        assertThat(id.apply(1)).hasToString("1");
        assertThat(id.apply(Long.MAX_VALUE)).hasToString(Long.toString(Long.MAX_VALUE));
        assertThat(id.apply(7)).isEqualTo(id.apply(7)).isNotEqualTo(id.apply(8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void refuses_zero_and_negative_values_naming_the_field(String field, LongFunction<Object> id) {
        assertInvalid(() -> id.apply(0), field);
        assertInvalid(() -> id.apply(-1), field);
        assertInvalid(() -> id.apply(Long.MIN_VALUE), field);
    }
}
