package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/orders/{id}/refunds} and {@code GET /api/v1/orders/{id}/refunds/{refundId}} (SPEC §2.1, §4). */
class RefundRoutesTest extends ApiTest {

    @Test
    void refunding_units_answers_201_with_the_order_after_it_and_the_refund_it_made_in_location() {
        long user = api.userWithBalance("100000");
        long pen = api.product("1000", 10);
        long ink = api.product("1000", 10);
        long coupon = api.coupon(api.couponSource("500", 10, 7), user);
        long order = api.post("/api/v1/orders", ("{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 2},"
                + " {\"productId\": %d, \"quantity\": 3}], \"couponId\": %d}").formatted(user, pen, ink, coupon)).json().path("id").asLong();

        Response refunded = api.adminPost("/api/v1/orders/" + order + "/refunds",
                "{\"items\": [{\"productId\": %d, \"quantity\": 1}], \"reason\": \"scratched\"}".formatted(pen));

        assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
        JsonNode body = refunded.json();
        JsonNode refund = body.path("refunds").get(0);
        long refundId = refund.path("id").asLong();
        assertThat(refunded.header("Location")).isEqualTo("/api/v1/orders/" + order + "/refunds/" + refundId);
        assertThat(body.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(amount(body.path("refundedAmount"))).isEqualTo("900.00");
        assertThat(body.path("items")).extracting(item -> item.path("refundedQuantity").asInt()).containsExactly(1, 0);
        assertThat(amount(refund.path("amount"))).isEqualTo("900.00");
        assertThat(refund.path("items").toString()).isEqualTo("[{\"productId\":" + pen + ",\"quantity\":1}]");
        assertThat(refund.path("reason").asText()).isEqualTo("scratched");
        assertThat(refund.path("restock").asBoolean()).isTrue();
        assertThat(refund.path("createdAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(api.get(refunded.header("Location")).json()).isEqualTo(refund);
        assertThat(api.get("/api/v1/orders/" + order).body()).isEqualTo(refunded.body());
        assertThat(api.stockOf(pen)).isEqualTo(9);
        assertThat(api.balanceOf(user)).isEqualTo("96400.00");
        JsonNode restore = api.get("/api/v1/users/" + user + "/balance/history").json().path("items").get(0);
        assertThat(restore.path("type").asText()).isEqualTo("RESTORE");
        assertThat(restore.path("orderId").asLong()).isEqualTo(order);
    }

    @Test
    void an_empty_body_refunds_every_unit_left_restocked_and_frees_the_coupon() {
        long user = api.userWithBalance("100000");
        long pen = api.product("1000", 10);
        long coupon = api.coupon(api.couponSource("500", 10, 7), user);
        long order = api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 2}], \"couponId\": %d}"
                .formatted(user, pen, coupon)).json().path("id").asLong();

        JsonNode body = api.adminPost("/api/v1/orders/" + order + "/refunds", "{}").json();

        assertThat(body.path("status").asText()).isEqualTo("REFUNDED");
        JsonNode refund = body.path("refunds").get(0);
        assertThat(refund.path("reason").isNull()).as("no reason is null, not absent").isTrue();
        assertThat(amount(refund.path("amount"))).isEqualTo("1500.00");
        assertThat(api.stockOf(pen)).isEqualTo(10);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
        assertThat(api.get("/api/v1/users/" + user + "/coupons").json().path("items").get(0).path("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void restock_false_keeps_the_units_out_of_stock() {
        long user = api.userWithBalance("100000");
        long pen = api.product("1000", 10);
        long order = api.placeOrder(user, pen, 3).path("id").asLong();

        JsonNode body = api.adminPost("/api/v1/orders/" + order + "/refunds", "{\"restock\": false}").json();

        assertThat(body.path("refunds").get(0).path("restock").asBoolean()).isFalse();
        assertThat(api.stockOf(pen)).isEqualTo(7);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void a_refund_is_an_admin_route() {
        long order = api.placeOrder(api.userWithBalance("100000"), api.product("1000", 10), 1).path("id").asLong();

        assertProblem(api.post("/api/v1/orders/" + order + "/refunds", "{}"), 401, "UNAUTHORIZED");
        assertProblem(api.post("/api/v1/orders/" + order + "/refunds", "{}", "Authorization", "Bearer wrong"), 403, "FORBIDDEN");

        assertThat(api.get("/api/v1/orders/" + order).json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void refusals_are_409_with_their_code_and_change_nothing() {
        long user = api.userWithBalance("100000");
        long pen = api.product("1000", 10);
        long other = api.product("1000", 10);
        long order = api.placeOrder(user, pen, 2).path("id").asLong();
        long unpaid = api.post("/api/v1/orders", TestApi.orderBody(api.userWithBalance("1"), pen, 1)).json().path("orderId").asLong();

        JsonNode exceeds = assertProblem(api.adminPost("/api/v1/orders/" + order + "/refunds",
                "{\"items\": [{\"productId\": %d, \"quantity\": 3}]}".formatted(pen)), 409, "REFUND_EXCEEDS_ORDER");
        assertProblem(api.adminPost("/api/v1/orders/" + order + "/refunds",
                "{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(other)), 409, "REFUND_EXCEEDS_ORDER");
        assertProblem(api.adminPost("/api/v1/orders/" + unpaid + "/refunds", "{}"), 409, "ORDER_NOT_REFUNDABLE");
        assertProblem(api.adminPost("/api/v1/orders/999999/refunds", "{}"), 404, "ORDER_NOT_FOUND");

        assertThat(exceeds.path("detail").asText()).contains("2 of 2 units");
        assertThat(api.get("/api/v1/orders/" + order).json().path("refunds")).isEmpty();
        assertThat(api.stockOf(pen)).isEqualTo(7);
        assertThat(api.balanceOf(user)).isEqualTo("98000.00");
    }

    @Test
    void malformed_refunds_are_400_naming_the_field() {
        long order = api.placeOrder(api.userWithBalance("100000"), api.product("1000", 10), 1).path("id").asLong();
        String path = "/api/v1/orders/" + order + "/refunds";

        assertThat(field(api.adminPost(path, "{\"items\": []}"))).isEqualTo("items");
        assertThat(field(api.adminPost(path, "{\"items\": [{\"productId\": 1, \"quantity\": 0}]}"))).isEqualTo("items[0].quantity");
        assertThat(field(api.adminPost(path, "{\"items\": [{\"productId\": 1, \"quantity\": 1}, {\"productId\": 1, \"quantity\": 1}]}")))
                .isEqualTo("items[1].productId");
        assertThat(field(api.adminPost(path, "{\"reason\": \"" + "x".repeat(501) + "\"}"))).isEqualTo("reason");
        assertThat(field(api.adminPost(path, "{\"restock\": \"no\"}"))).isEqualTo("restock");
        assertThat(field(api.adminPost(path, "{\"amount\": 5}"))).isEqualTo("amount");
        assertThat(field(api.post(path, "{}", "Authorization", "Bearer " + TestApi.ADMIN_TOKEN, "Idempotency-Key", " ".repeat(256))))
                .isEqualTo("Idempotency-Key");

        assertThat(api.get("/api/v1/orders/" + order).json().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void a_repeat_with_the_same_key_answers_the_first_refund_and_another_body_is_422() {
        long user = api.userWithBalance("100000");
        long pen = api.product("1000", 10);
        long order = api.placeOrder(user, pen, 3).path("id").asLong();
        String path = "/api/v1/orders/" + order + "/refunds";
        String one = "{\"items\": [{\"productId\": %d, \"quantity\": 1}]}".formatted(pen);
        String[] key = {"Authorization", "Bearer " + TestApi.ADMIN_TOKEN, "Idempotency-Key", "refund-1"};

        Response first = api.post(path, one, key);
        Response repeat = api.post(path, one, key);

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.body()).isEqualTo(first.body());
        assertProblem(api.post(path, "{}", key), 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(api.get("/api/v1/orders/" + order).json().path("refunds")).hasSize(1);
        assertThat(api.balanceOf(user)).isEqualTo("98000.00");
    }

    @Test
    void an_unknown_refund_of_an_order_is_404() {
        long order = api.placeOrder(api.userWithBalance("100000"), api.product("1000", 10), 1).path("id").asLong();

        assertProblem(api.get("/api/v1/orders/" + order + "/refunds/12345"), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/orders/999999/refunds/1"), 404, "ORDER_NOT_FOUND");
        assertThat(field(api.get("/api/v1/orders/" + order + "/refunds/0"))).isEqualTo("refundId");
    }

    /** The field a {@code VALIDATION_FAILED} names: its detail reads "field: what is wrong". */
    private static String field(Response response) {
        String detail = assertProblem(response, 400, "VALIDATION_FAILED").path("detail").asText();
        return detail.substring(0, detail.indexOf(": "));
    }
}
