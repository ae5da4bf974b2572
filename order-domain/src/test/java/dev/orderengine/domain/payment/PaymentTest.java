package dev.orderengine.domain.payment;

import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.ORDER;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.orderengine.domain.shared.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final PaymentId ID = new PaymentId(1);

    @Test
    void a_successful_payment_has_no_failure_code() {
        Payment payment = Payment.succeeded(ID, ORDER, CUSTOMER, money("10"), NOW);

        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.failureCode()).isEmpty();
        assertThat(payment.amount()).isEqualTo(money("10"));
        assertThat(payment.orderId()).isEqualTo(ORDER);
        assertThat(payment.userId()).isEqualTo(CUSTOMER);
        assertThat(payment.createdAt()).isEqualTo(NOW);
    }

    @Test
    void a_failed_payment_names_why_it_failed() {
        Payment payment = Payment.failed(ID, ORDER, CUSTOMER, money("10"), ErrorCode.INSUFFICIENT_BALANCE, NOW);

        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.failureCode()).contains(ErrorCode.INSUFFICIENT_BALANCE);
    }

    @Test
    void refuses_a_failed_payment_without_a_reason() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Payment(ID, ORDER, CUSTOMER, money("10"), PaymentStatus.FAILED, Optional.empty(), NOW));
    }

    @Test
    void refuses_a_successful_payment_with_a_failure_code() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Payment(ID, ORDER, CUSTOMER, money("10"), PaymentStatus.SUCCEEDED,
                        Optional.of(ErrorCode.COUPON_EXPIRED), NOW));
    }
}
