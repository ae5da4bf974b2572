package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserRoutesTest extends ApiTest {

    @Test
    void registers_an_active_user_that_can_be_read_back() {
        Response created = api.post("/api/v1/users", "{\"name\": \"  Kim Minji \"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo("application/json");
        JsonNode user = created.json();
        assertThat(user.path("name").asText()).isEqualTo("Kim Minji");
        assertThat(user.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(user.path("id").isIntegralNumber()).isTrue();
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + user.path("id").asLong());

        Response read = api.get("/api/v1/users/" + user.path("id").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void a_new_user_has_an_empty_balance_and_no_history() {
        long user = api.user("newcomer");

        JsonNode balance = api.get("/api/v1/users/" + user + "/balance").json();
        assertThat(balance.path("userId").asLong()).isEqualTo(user);
        assertThat(amount(balance.path("amount"))).isEqualTo("0.00");
        assertThat(api.get("/api/v1/users/" + user + "/balance/history").json().path("items")).isEmpty();
    }

    @Test
    void charging_returns_the_new_balance_and_records_each_charge_newest_first() {
        long user = api.user("saver");

        Response first = api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 5000.5}");
        Response second = api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 100}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(amount(first.json().path("amount"))).isEqualTo("5000.50");
        assertThat(amount(second.json().path("amount"))).isEqualTo("5100.50");
        assertThat(api.balanceOf(user)).isEqualTo("5100.50");
        JsonNode history = api.get("/api/v1/users/" + user + "/balance/history").json().path("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("type").asText()).isEqualTo("CHARGE");
        assertThat(amount(history.get(0).path("amount"))).isEqualTo("100.00");
        assertThat(amount(history.get(0).path("balanceAfter"))).isEqualTo("5100.50");
        assertThat(history.get(0).has("orderId")).isFalse();
        assertThat(history.get(0).path("createdAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(amount(history.get(1).path("balanceAfter"))).isEqualTo("5000.50");
    }

    @Test
    void paying_an_order_shows_in_the_history_with_its_order() {
        long user = api.userWithBalance("50000");
        long order = api.placeOrder(user, api.product("15000", 5), 1).path("id").asLong();

        JsonNode latest = api.get("/api/v1/users/" + user + "/balance/history").json().path("items").get(0);

        assertThat(latest.path("type").asText()).isEqualTo("USE");
        assertThat(amount(latest.path("amount"))).isEqualTo("15000.00");
        assertThat(amount(latest.path("balanceAfter"))).isEqualTo("35000.00");
        assertThat(latest.path("orderId").asLong()).isEqualTo(order);
    }

    @Test
    void a_charge_repeated_with_its_idempotency_key_returns_the_first_answer_and_charges_once() {
        long user = api.user("retrier");
        String path = "/api/v1/users/" + user + "/balance/charges";

        Response first = api.post(path, "{\"amount\": 700}", "Idempotency-Key", "charge-1");
        Response repeat = api.post(path, "{\"amount\": 700}", "Idempotency-Key", "charge-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(api.balanceOf(user)).isEqualTo("700.00");
        assertThat(api.get("/api/v1/users/" + user + "/balance/history").json().path("items")).hasSize(1);
    }

    @Test
    void an_idempotency_key_reused_for_another_amount_is_refused_with_422_and_charges_nothing() {
        long user = api.user("confused");
        String path = "/api/v1/users/" + user + "/balance/charges";
        api.post(path, "{\"amount\": 700}", "Idempotency-Key", "charge-1");

        Response reused = api.post(path, "{\"amount\": 800}", "Idempotency-Key", "charge-1");

        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(api.balanceOf(user)).isEqualTo("700.00");
    }

    @Test
    void an_idempotency_key_still_held_by_another_request_is_refused_with_409() {
        long user = api.user("impatient");

        Response busy = api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 700}",
                "Idempotency-Key", TestApi.BUSY_KEY_PREFIX + "1");

        assertProblem(busy, 409, "IDEMPOTENCY_KEY_IN_USE");
        assertThat(api.balanceOf(user)).isEqualTo("0.00");
    }

    @Test
    void an_idempotency_key_that_is_not_printable_ascii_is_refused_naming_the_header() {
        long user = api.user("unicode");

        Response response = api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 700}",
                "Idempotency-Key", "x".repeat(256));

        assertInvalid(response, "Idempotency-Key");
        assertThat(api.balanceOf(user)).isEqualTo("0.00");
    }

    @Test
    void charging_an_unknown_user_is_404_user_not_found() {
        assertProblem(api.post("/api/v1/users/987654/balance/charges", "{\"amount\": 10}"), 404, "USER_NOT_FOUND");
    }

    @Test
    void charging_an_inactive_user_is_409_user_inactive_and_changes_nothing() {
        long user = api.inactiveUser();

        assertProblem(api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 10}"), 409, "USER_INACTIVE");
        assertThat(api.balanceOf(user)).isEqualTo("0.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10000000.01", "1.005", "\"100\"", "true", "null", "1e400"})
    void a_charge_amount_out_of_range_or_of_the_wrong_type_is_refused_naming_amount(String amount) {
        long user = api.user("careless");

        assertInvalid(api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": " + amount + "}"), "amount");
        assertThat(api.balanceOf(user)).isEqualTo("0.00");
    }

    @Test
    void the_largest_single_charge_is_accepted() {
        long user = api.user("rich");

        assertThat(api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 10000000.00}").status()).isEqualTo(200);
        assertThat(api.balanceOf(user)).isEqualTo("10000000.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\": \"   \"}", "{\"name\": null}", "{\"name\": 42}"})
    void registering_without_a_proper_name_is_refused_naming_name(String body) {
        assertInvalid(api.post("/api/v1/users", body), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/balance", "/balance/history", "/coupons", "/orders"})
    void reading_anything_of_an_unknown_user_is_404_user_not_found(String suffix) {
        assertProblem(api.get("/api/v1/users/987654" + suffix), 404, "USER_NOT_FOUND");
    }

    @Test
    void a_users_lists_are_paged_newest_first_with_the_total_and_an_empty_page_past_the_end() {
        long user = api.userWithBalance("1000");
        long product = api.product("10", 100);
        long first = api.placeOrder(user, product, 1).path("id").asLong();
        long second = api.placeOrder(user, product, 1).path("id").asLong();
        long third = api.placeOrder(user, product, 1).path("id").asLong();

        JsonNode orders = api.get("/api/v1/users/" + user + "/orders?page=1&size=2").json();
        JsonNode history = api.get("/api/v1/users/" + user + "/balance/history?size=1").json();
        JsonNode beyond = api.get("/api/v1/users/" + user + "/orders?page=5&size=2").json();
        JsonNode coupons = api.get("/api/v1/users/" + user + "/coupons").json();

        assertThat(orders.path("items")).extracting(order -> order.path("id").asLong()).containsExactly(first);
        assertThat(orders.path("page").asInt()).isEqualTo(1);
        assertThat(orders.path("size").asInt()).isEqualTo(2);
        assertThat(orders.path("total").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/users/" + user + "/orders").json().path("items"))
                .extracting(order -> order.path("id").asLong()).containsExactly(third, second, first);
        assertThat(history.path("items")).singleElement().satisfies(change -> assertThat(change.path("type").asText()).isEqualTo("USE"));
        assertThat(history.path("total").asLong()).isEqualTo(4);
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(3);
        assertThat(coupons.path("items")).isEmpty();
        assertThat(coupons.path("size").asInt()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"orders?size=0, size", "orders?size=101, size", "coupons?page=-1, page", "balance/history?size=x, size"})
    void a_page_out_of_range_is_refused_naming_the_parameter(String list, String parameter) {
        long user = api.user("lists");

        assertInvalid(api.get("/api/v1/users/" + user + "/" + list), parameter);
    }
}
