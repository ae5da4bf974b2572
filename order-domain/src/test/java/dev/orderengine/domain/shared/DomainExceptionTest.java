package dev.orderengine.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class DomainExceptionTest {

    @Test
    void concerns_no_order_until_one_is_named() {
        RejectedException rejection = new RejectedException(ErrorCode.INSUFFICIENT_BALANCE, "too little");

        assertThat(rejection.orderId()).isEmpty();
        assertThat(rejection.concerningOrder(42)).isSameAs(rejection);
        assertThat(rejection.orderId()).contains(42L);
        assertThat(rejection.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(rejection.detail()).isEqualTo("too little");
    }

    @Test
    void invalid_input_names_the_field_in_its_detail() {
        InvalidInputException invalid = new InvalidInputException("items", "must contain at least one line");

        assertThat(invalid.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(invalid.field()).isEqualTo("items");
        assertThat(invalid.detail()).isEqualTo("items: must contain at least one line");
    }

    @Test
    void require_passes_when_the_condition_holds() {
        assertThatCode(() -> InvalidInputException.require(true, "items", "never")).doesNotThrowAnyException();
    }

    @Test
    void not_found_carries_its_code() {
        assertThat(new NotFoundException(ErrorCode.ORDER_NOT_FOUND, "order 1 does not exist").code())
                .isEqualTo(ErrorCode.ORDER_NOT_FOUND);
    }
}
