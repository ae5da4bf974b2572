package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void writes_the_contract_example_exactly() {
        assertThat(EventJson.write(Events.contractExample())).isEqualTo(
                "{\"eventId\":41,\"type\":\"ORDER_COMPLETED\",\"occurredAt\":\"2026-11-24T10:15:30.123Z\","
                        + "\"order\":{\"orderId\":7,\"userId\":3,\"status\":\"COMPLETED\",\"couponId\":12,"
                        + "\"originalAmount\":30000.00,\"discountAmount\":3000.00,\"totalAmount\":27000.00,"
                        + "\"paymentId\":9,\"completedAt\":\"2026-11-24T10:15:30.120Z\","
                        + "\"items\":[{\"productId\":5,\"quantity\":2,\"unitPrice\":15000.00,\"totalPrice\":30000.00}]}}");
    }

    @Test
    void writes_a_null_coupon_when_none_was_used() {
        assertThat(EventJson.write(Events.numbered(1))).contains("\"couponId\":null").doesNotContain("\n");
    }
}
