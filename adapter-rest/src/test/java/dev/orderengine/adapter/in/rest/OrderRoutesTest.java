package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderRoutesTest extends ApiTest {

    @Test
    void placing_an_order_takes_the_stock_and_the_balance_and_completes_it() {
        long user = api.userWithBalance("100000");
        long product = api.product("15000", 10);

        Response placed = api.post("/api/v1/orders", TestApi.orderBody(user, product, 2));

        assertThat(placed.status()).isEqualTo(201);
        JsonNode order = placed.json();
        long id = order.path("id").asLong();
        assertThat(placed.header("Location")).isEqualTo("/api/v1/orders/" + id);
        assertThat(order.path("userId").asLong()).isEqualTo(user);
        assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(order.has("couponId")).isTrue();
        assertThat(order.path("couponId").isNull()).isTrue();
        assertThat(amount(order.path("originalAmount"))).isEqualTo("30000.00");
        assertThat(amount(order.path("discountAmount"))).isEqualTo("0.00");
        assertThat(amount(order.path("totalAmount"))).isEqualTo("30000.00");
        JsonNode item = order.path("items").get(0);
        assertThat(item.path("productId").asLong()).isEqualTo(product);
        assertThat(item.path("quantity").asInt()).isEqualTo(2);
        assertThat(amount(item.path("unitPrice"))).isEqualTo("15000.00");
        assertThat(amount(item.path("totalPrice"))).isEqualTo("30000.00");
        JsonNode payment = order.path("payments").get(0);
        assertThat(payment.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(amount(payment.path("amount"))).isEqualTo("30000.00");
        assertThat(payment.has("failureCode")).isFalse();
        assertThat(order.path("createdAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(order.path("updatedAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");

        assertThat(api.stockOf(product)).isEqualTo(8);
        assertThat(api.balanceOf(user)).isEqualTo("70000.00");
        assertThat(api.get("/api/v1/orders/" + id).body()).isEqualTo(placed.body());
        assertThat(api.get("/api/v1/users/" + user + "/orders").json().path("items").get(0).toString()).isEqualTo(order.toString());
    }

    @Test
    void a_coupon_takes_its_discount_off_the_total_and_is_then_used() {
        long user = api.userWithBalance("100000");
        long coupon = api.coupon(api.couponSource("3000", 10, 7), user);

        JsonNode order = api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 2}], \"couponId\": %d}"
                .formatted(user, api.product("15000", 10), coupon)).json();

        assertThat(order.path("couponId").asLong()).isEqualTo(coupon);
        assertThat(amount(order.path("discountAmount"))).isEqualTo("3000.00");
        assertThat(amount(order.path("totalAmount"))).isEqualTo("27000.00");
        assertThat(api.balanceOf(user)).isEqualTo("73000.00");
        assertThat(api.get("/api/v1/users/" + user + "/coupons").json().path("items").get(0).path("status").asText()).isEqualTo("USED");
    }

    @Test
    void a_user_lists_their_orders_newest_first() {
        long user = api.userWithBalance("100000");
        long product = api.product("100", 10);
        long first = api.placeOrder(user, product, 1).path("id").asLong();
        long second = api.placeOrder(user, product, 1).path("id").asLong();

        assertThat(api.get("/api/v1/users/" + user + "/orders").json().path("items")).extracting(o -> o.path("id").asLong())
                .containsExactly(second, first);
    }

    @Test
    void an_order_for_more_than_the_stock_is_409_out_of_stock_and_changes_nothing() {
        long user = api.userWithBalance("100000");
        long scarce = api.product("100", 1);
        long plenty = api.product("100", 10);

        Response response = api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 5}, {\"productId\": %d, \"quantity\": 2}]}"
                .formatted(user, plenty, scarce));

        JsonNode problem = assertProblem(response, 409, "OUT_OF_STOCK");
        assertThat(problem.has("orderId")).isFalse();
        assertThat(api.stockOf(scarce)).isEqualTo(1);
        assertThat(api.stockOf(plenty)).isEqualTo(10);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
        assertThat(api.get("/api/v1/users/" + user + "/orders").json().path("items")).isEmpty();
    }

    @Test
    void an_order_for_a_product_withdrawn_from_sale_is_409_product_not_on_sale() {
        long user = api.userWithBalance("100000");
        long product = api.product("100", 10);
        api.discontinue(product);

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, product, 1)), 409, "PRODUCT_NOT_ON_SALE");
        assertThat(api.stockOf(product)).isEqualTo(10);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void an_order_for_an_unknown_product_is_404_product_not_found() {
        long user = api.userWithBalance("100000");

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, 987654, 1)), 404, "PRODUCT_NOT_FOUND");
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void an_order_of_an_unknown_user_is_404_user_not_found() {
        long product = api.product("100", 10);

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(987654, product, 1)), 404, "USER_NOT_FOUND");
        assertThat(api.stockOf(product)).isEqualTo(10);
    }

    @Test
    void an_order_of_an_inactive_user_is_409_user_inactive() {
        long product = api.product("100", 10);

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(api.inactiveUser(), product, 1)), 409, "USER_INACTIVE");
        assertThat(api.stockOf(product)).isEqualTo(10);
    }

    @Test
    void a_refused_payment_names_the_order_which_keeps_its_stock_and_records_the_failed_attempt() {
        long user = api.userWithBalance("1000");
        long product = api.product("15000", 10);

        JsonNode problem = assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, product, 2)), 409, "INSUFFICIENT_BALANCE");

        long orderId = problem.path("orderId").asLong();
        JsonNode order = api.get("/api/v1/orders/" + orderId).json();
        assertThat(order.path("status").asText()).isEqualTo("STOCK_ALLOCATED");
        assertThat(order.path("payments")).hasSize(1);
        assertThat(order.path("payments").get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(order.path("payments").get(0).path("failureCode").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(api.stockOf(product)).isEqualTo(8);
        assertThat(api.balanceOf(user)).isEqualTo("1000.00");
    }

    @Test
    void an_order_whose_payment_was_refused_is_paid_after_charging_the_balance() {
        long user = api.userWithBalance("1000");
        long orderId = assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, api.product("15000", 10), 2)),
                409, "INSUFFICIENT_BALANCE").path("orderId").asLong();
        api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 29000}");

        Response paid = api.post("/api/v1/orders/" + orderId + "/payments", "{\"userId\": " + user + "}");

        assertThat(paid.status()).isEqualTo(201);
        JsonNode order = paid.json();
        assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(order.path("payments")).extracting(p -> p.path("status").asText()).containsExactly("FAILED", "SUCCEEDED");
        assertThat(api.balanceOf(user)).isEqualTo("0.00");
    }

    @Test
    void cancelling_an_unpaid_order_gives_its_stock_back_and_it_is_never_payable_again() {
        long user = api.userWithBalance("1000");
        long product = api.product("15000", 10);
        long orderId = assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, product, 2)), 409, "INSUFFICIENT_BALANCE")
                .path("orderId").asLong();

        Response cancelled = api.post("/api/v1/orders/" + orderId + "/cancel", "{\"userId\": " + user + "}");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.stockOf(product)).isEqualTo(10);
        api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 50000}");
        assertProblem(api.post("/api/v1/orders/" + orderId + "/payments", "{\"userId\": " + user + "}"), 409, "ORDER_NOT_PAYABLE");
        assertProblem(api.post("/api/v1/orders/" + orderId + "/cancel", "{\"userId\": " + user + "}"), 409, "ORDER_NOT_CANCELLABLE");
        assertThat(api.balanceOf(user)).isEqualTo("51000.00");
        assertThat(api.stockOf(product)).isEqualTo(10);
    }

    @Test
    void a_completed_order_cannot_be_cancelled_nor_paid_again() {
        long user = api.userWithBalance("100000");
        long product = api.product("100", 10);
        long orderId = api.placeOrder(user, product, 1).path("id").asLong();

        assertProblem(api.post("/api/v1/orders/" + orderId + "/cancel", "{\"userId\": " + user + "}"), 409, "ORDER_NOT_CANCELLABLE");
        assertProblem(api.post("/api/v1/orders/" + orderId + "/payments", "{\"userId\": " + user + "}"), 409, "ORDER_NOT_PAYABLE");
        assertThat(api.get("/api/v1/orders/" + orderId).json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(api.stockOf(product)).isEqualTo(9);
        assertThat(api.balanceOf(user)).isEqualTo("99900.00");
    }

    @Test
    void another_users_order_can_be_neither_paid_nor_cancelled() {
        long owner = api.userWithBalance("10");
        long stranger = api.userWithBalance("100000");
        long orderId = assertProblem(api.post("/api/v1/orders", TestApi.orderBody(owner, api.product("100", 10), 1)),
                409, "INSUFFICIENT_BALANCE").path("orderId").asLong();

        assertProblem(api.post("/api/v1/orders/" + orderId + "/payments", "{\"userId\": " + stranger + "}"), 409, "ORDER_NOT_OWNED");
        assertProblem(api.post("/api/v1/orders/" + orderId + "/cancel", "{\"userId\": " + stranger + "}"), 409, "ORDER_NOT_OWNED");
        assertThat(api.get("/api/v1/orders/" + orderId).json().path("status").asText()).isEqualTo("STOCK_ALLOCATED");
        assertThat(api.balanceOf(stranger)).isEqualTo("100000.00");
    }

    @Test
    void an_unknown_order_is_404_order_not_found_to_read_pay_or_cancel() {
        long user = api.userWithBalance("100");

        assertProblem(api.get("/api/v1/orders/987654"), 404, "ORDER_NOT_FOUND");
        assertProblem(api.post("/api/v1/orders/987654/payments", "{\"userId\": " + user + "}"), 404, "ORDER_NOT_FOUND");
        assertProblem(api.post("/api/v1/orders/987654/cancel", "{\"userId\": " + user + "}"), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void a_coupon_already_spent_is_409_coupon_already_used_and_the_second_order_waits_unpaid() {
        long user = api.userWithBalance("100000");
        long product = api.product("5000", 10);
        long coupon = api.coupon(api.couponSource("1000", 10, 7), user);
        String body = "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 1}], \"couponId\": %d}".formatted(user, product, coupon);
        api.post("/api/v1/orders", body);

        JsonNode problem = assertProblem(api.post("/api/v1/orders", body), 409, "COUPON_ALREADY_USED");

        assertThat(api.get("/api/v1/orders/" + problem.path("orderId").asLong()).json().path("status").asText()).isEqualTo("STOCK_ALLOCATED");
        assertThat(api.balanceOf(user)).isEqualTo("96000.00");
    }

    @Test
    void another_users_coupon_is_409_coupon_not_owned() {
        long owner = api.user("owner");
        long user = api.userWithBalance("100000");
        long coupon = api.coupon(api.couponSource("1000", 10, 7), owner);

        JsonNode problem = assertProblem(api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 1}], \"couponId\": %d}"
                .formatted(user, api.product("5000", 10), coupon)), 409, "COUPON_NOT_OWNED");

        assertThat(problem.path("orderId").asLong()).isPositive();
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
        assertThat(api.get("/api/v1/users/" + owner + "/coupons").json().path("items").get(0).path("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void a_coupon_past_its_expiry_is_409_coupon_expired() {
        long user = api.userWithBalance("100000");
        long coupon = api.coupon(api.couponSource("1000", 10, 1), user);
        api.clock.advance(Duration.ofDays(1));

        assertProblem(api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 1}], \"couponId\": %d}"
                .formatted(user, api.product("5000", 10), coupon)), 409, "COUPON_EXPIRED");
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void an_unknown_coupon_is_404_coupon_not_found_naming_the_order_left_unpaid() {
        long user = api.userWithBalance("100000");

        JsonNode problem = assertProblem(api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 1}], \"couponId\": 987654}"
                .formatted(user, api.product("5000", 10))), 404, "COUPON_NOT_FOUND");

        assertThat(problem.path("orderId").asLong()).isPositive();
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void an_order_repeated_with_its_idempotency_key_returns_the_identical_answer_and_is_placed_once() {
        long user = api.userWithBalance("100000");
        long product = api.product("15000", 10);
        String body = TestApi.orderBody(user, product, 2);

        Response first = api.post("/api/v1/orders", body, "Idempotency-Key", "order-42");
        api.clock.advance(Duration.ofSeconds(5));
        Response repeat = api.post("/api/v1/orders", body, "Idempotency-Key", "order-42");

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(api.stockOf(product)).isEqualTo(8);
        assertThat(api.balanceOf(user)).isEqualTo("70000.00");
        assertThat(api.get("/api/v1/users/" + user + "/orders").json().path("items")).hasSize(1);
    }

    @Test
    void an_idempotency_key_reused_for_another_order_is_422_and_places_nothing() {
        long user = api.userWithBalance("100000");
        long product = api.product("15000", 10);
        api.post("/api/v1/orders", TestApi.orderBody(user, product, 2), "Idempotency-Key", "order-42");

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, product, 3), "Idempotency-Key", "order-42"),
                422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(api.stockOf(product)).isEqualTo(8);
        assertThat(api.balanceOf(user)).isEqualTo("70000.00");
    }

    @Test
    void idempotency_keys_are_scoped_to_the_user_of_the_request() {
        long product = api.product("100", 10);
        long alice = api.userWithBalance("1000");
        long bob = api.userWithBalance("1000");

        Response forAlice = api.post("/api/v1/orders", TestApi.orderBody(alice, product, 1), "Idempotency-Key", "same-key");
        Response forBob = api.post("/api/v1/orders", TestApi.orderBody(bob, product, 2), "Idempotency-Key", "same-key");

        assertThat(forAlice.status()).isEqualTo(201);
        assertThat(forBob.status()).isEqualTo(201);
        assertThat(forBob.json().path("userId").asLong()).isEqualTo(bob);
        assertThat(api.stockOf(product)).isEqualTo(7);
    }

    @Test
    void an_order_whose_key_is_held_by_a_request_still_running_is_409_idempotency_key_in_use() {
        long user = api.userWithBalance("100000");
        long product = api.product("100", 10);

        assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, product, 1), "Idempotency-Key", TestApi.BUSY_KEY_PREFIX + "7"),
                409, "IDEMPOTENCY_KEY_IN_USE");
        assertThat(api.stockOf(product)).isEqualTo(10);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @Test
    void a_payment_repeated_with_its_idempotency_key_returns_the_identical_answer_and_pays_once() {
        long user = api.userWithBalance("100");
        long orderId = assertProblem(api.post("/api/v1/orders", TestApi.orderBody(user, api.product("15000", 10), 1)),
                409, "INSUFFICIENT_BALANCE").path("orderId").asLong();
        api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 20000}");
        String path = "/api/v1/orders/" + orderId + "/payments";

        Response first = api.post(path, "{\"userId\": " + user + "}", "Idempotency-Key", "pay-1");
        Response repeat = api.post(path, "{\"userId\": " + user + "}", "Idempotency-Key", "pay-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(api.balanceOf(user)).isEqualTo("5100.00");
        assertProblem(api.post(path, "{\"userId\": " + user + ", \"couponId\": 5}", "Idempotency-Key", "pay-1"),
                422, "IDEMPOTENCY_KEY_REUSED");
    }
}
