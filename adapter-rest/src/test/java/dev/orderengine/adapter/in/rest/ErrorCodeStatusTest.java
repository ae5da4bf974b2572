package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every error code the engine can raise reaches the client with the HTTP status of the spec's error table. */
class ErrorCodeStatusTest extends ApiTest {

    /** SPEC §4, "Errors". */
    private static final Map<String, Integer> SPEC_STATUS = Map.ofEntries(
            Map.entry("VALIDATION_FAILED", 400),
            Map.entry("USER_NOT_FOUND", 404), Map.entry("PRODUCT_NOT_FOUND", 404), Map.entry("ORDER_NOT_FOUND", 404),
            Map.entry("COUPON_NOT_FOUND", 404), Map.entry("COUPON_SOURCE_NOT_FOUND", 404), Map.entry("NOT_FOUND", 404),
            Map.entry("OUT_OF_STOCK", 409), Map.entry("PRODUCT_NOT_ON_SALE", 409), Map.entry("USER_INACTIVE", 409),
            Map.entry("INSUFFICIENT_BALANCE", 409), Map.entry("COUPON_ALREADY_USED", 409), Map.entry("COUPON_EXPIRED", 409),
            Map.entry("COUPON_NOT_OWNED", 409), Map.entry("COUPON_SOLD_OUT", 409), Map.entry("COUPON_ALREADY_ISSUED", 409),
            Map.entry("ORDER_NOT_PAYABLE", 409), Map.entry("ORDER_NOT_CANCELLABLE", 409), Map.entry("ORDER_NOT_OWNED", 409),
            Map.entry("ORDER_NOT_REFUNDABLE", 409), Map.entry("REFUND_EXCEEDS_ORDER", 409), Map.entry("IDEMPOTENCY_KEY_IN_USE", 409),
            Map.entry("IDEMPOTENCY_KEY_REUSED", 422));

    @Test
    void the_spec_table_above_names_every_error_code_of_the_engine() {
        assertThat(SPEC_STATUS.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void each_error_code_is_answered_with_its_spec_status_as_a_problem_carrying_the_order(ErrorCode code) {
        api.plantedFailure.set(new RejectedException(code, "refused with " + code).concerningOrder(7));

        JsonNode problem = assertProblem(api.get("/api/v1/orders/7"), SPEC_STATUS.get(code.name()), code.name());

        assertThat(problem.path("orderId").asLong()).isEqualTo(7);
        assertThat(problem.path("detail").asText()).isEqualTo("refused with " + code);
    }
}
