package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies that do not fit the API are refused at the edge, naming the field, and change nothing. */
class RequestValidationTest extends ApiTest {

    private long user;
    private long product;

    @BeforeAll
    void customerAndProduct() {
        user = api.userWithBalance("100000");
        product = api.product("100", 10);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{                                                                          | body",
            "[]                                                                         | body",
            "\"order\"                                                                  | body",
            "null                                                                       | body",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]} trailing | body",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}], \"gift\": true} | gift",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1, \"colour\": \"red\"}]} | items[0].colour",
            "{\"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]}                   | userId",
            "{\"userId\": USER}                                                         | items",
            "{\"userId\": USER, \"items\": null}                                        | items",
            "{\"userId\": \"USER\", \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]} | userId",
            "{\"userId\": 1.0, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]}  | userId",
            "{\"userId\": 0, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]}    | userId",
            "{\"userId\": -3, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]}   | userId",
            "{\"userId\": 99999999999999999999, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]} | userId",
            "{\"userId\": {\"id\": 1}, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]} | userId",
            "{\"userId\": USER, \"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}]} | userId",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": \"2\"}]} | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1.5}]} | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 0}]}   | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1001}]} | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 3000000000}]} | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": true}]} | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT}]}                  | items[0].quantity",
            "{\"userId\": USER, \"items\": [{\"quantity\": 1}]}                         | items[0].productId",
            "{\"userId\": USER, \"items\": [{\"productId\": 0, \"quantity\": 1}]}       | items[0].productId",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}, {\"productId\": PRODUCT, \"quantity\": 2}]} | items[1].productId",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}, null]} | items[1]",
            "{\"userId\": USER, \"items\": []}                                          | items",
            "{\"userId\": USER, \"items\": {\"productId\": PRODUCT, \"quantity\": 1}}   | items",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}], \"couponId\": 0} | couponId",
            "{\"userId\": USER, \"items\": [{\"productId\": PRODUCT, \"quantity\": 1}], \"couponId\": \"WELCOME\"} | couponId"})
    void an_order_body_that_does_not_fit_is_refused_naming_the_field_and_changes_nothing(String body, String field) {
        String json = body.replace("USER", Long.toString(user)).replace("PRODUCT", Long.toString(product));

        assertInvalid(api.post("/api/v1/orders", json), field);
        assertThat(api.stockOf(product)).isEqualTo(10);
        assertThat(api.balanceOf(user)).isEqualTo("100000.00");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"userId\": \"1\"}                | userId: must be an integer",
            "{\"userId\": 1.0}                    | userId: must be an integer",
            "{\"userId\": 99999999999999999999}   | userId: is out of range",
            "{\"userId\": 1, \"userId\": 1}       | userId: appears more than once",
            "{\"userId\": 1, \"items\": {}}       | items: must be an array",
            "{\"userId\": 1, \"items\": [{\"productId\": 1, \"quantity\": 1}], \"gift\": true} | gift: is not a known field",
            "{\"userId\": 1, \"items\": [{\"productId\": 1, \"quantity\": 3000000000}]} | items[0].quantity: is out of range",
            "{\"userId\": 1, \"items\": [{\"productId\": 1, \"quantity\": 0}]} | items[0].quantity: must be between 1 and 1000",
            "{                                 | body: is not valid JSON at line 1, column 2"})
    void the_detail_says_what_is_wrong_with_the_field(String body, String detail) {
        assertThat(api.post("/api/v1/orders", body).json().path("detail").asText()).isEqualTo(detail);
    }

    @Test
    void an_empty_body_is_refused_as_missing() {
        assertInvalid(api.post("/api/v1/orders", ""), "body");
    }

    @Test
    void more_than_50_lines_are_refused_naming_items() {
        String items = IntStream.rangeClosed(1, 51).mapToObj(i -> "{\"productId\": " + i + ", \"quantity\": 1}")
                .collect(Collectors.joining(","));

        assertInvalid(api.post("/api/v1/orders", "{\"userId\": " + user + ", \"items\": [" + items + "]}"), "items");
    }

    @Test
    void a_malformed_body_is_refused_without_echoing_internals() {
        String detail = api.post("/api/v1/orders", "{\"userId\": 1,").json().path("detail").asText();

        assertThat(detail).startsWith("body: ").doesNotContain("com.fasterxml", "Exception", "at [Source");
    }

    @ParameterizedTest
    @CsvSource({"abc, id", "0, id", "-1, id", "1e3, id", "99999999999999999999, id"})
    void an_order_id_in_the_path_that_is_not_a_positive_integer_is_refused_naming_it(String id, String field) {
        assertInvalid(api.post("/api/v1/orders/" + id + "/cancel", "{\"userId\": " + user + "}"), field);
        assertInvalid(api.get("/api/v1/orders/" + id), field);
    }

    @Test
    void a_payment_or_cancellation_without_a_user_is_refused_naming_user_id() {
        assertInvalid(api.post("/api/v1/orders/1/payments", "{}"), "userId");
        assertInvalid(api.post("/api/v1/orders/1/cancel", "{\"userId\": null}"), "userId");
    }
}
