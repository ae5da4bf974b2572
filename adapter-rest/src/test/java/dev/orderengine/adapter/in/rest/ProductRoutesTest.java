package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProductRoutesTest extends ApiTest {

    @Test
    void an_admin_lists_a_product_that_anyone_can_read_with_its_stock() {
        Response created = api.adminPost("/api/v1/products",
                "{\"name\": \"Keyboard\", \"description\": \"Mechanical\", \"price\": 15000, \"stock\": 10}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode product = created.json();
        assertThat(product.path("name").asText()).isEqualTo("Keyboard");
        assertThat(product.path("description").asText()).isEqualTo("Mechanical");
        assertThat(amount(product.path("price"))).isEqualTo("15000.00");
        assertThat(product.path("status").asText()).isEqualTo("ON_SALE");
        assertThat(product.path("stock").asInt()).isEqualTo(10);
        assertThat(created.header("Location")).isEqualTo("/api/v1/products/" + product.path("id").asLong());
        assertThat(api.get("/api/v1/products/" + product.path("id").asLong()).body()).isEqualTo(created.body());
    }

    @Test
    void a_product_without_description_shows_it_as_null() {
        JsonNode product = api.adminPost("/api/v1/products", "{\"name\": \"Mouse\", \"price\": 9.99, \"stock\": 0}").json();

        assertThat(product.has("description")).isTrue();
        assertThat(product.path("description").isNull()).isTrue();
        assertThat(amount(product.path("price"))).isEqualTo("9.99");
    }

    @Test
    void the_catalogue_is_read_page_by_page_in_id_order() {
        try (TestApi fresh = new TestApi()) {
            long first = fresh.product("10", 1);
            long second = fresh.product("20", 2);
            long third = fresh.product("30", 3);

            JsonNode page0 = fresh.get("/api/v1/products?page=0&size=2").json();
            JsonNode page1 = fresh.get("/api/v1/products?page=1&size=2").json();

            assertThat(page0.path("items")).extracting(item -> item.path("id").asLong()).containsExactly(first, second);
            assertThat(page0.path("page").asInt()).isZero();
            assertThat(page0.path("size").asInt()).isEqualTo(2);
            assertThat(page0.path("total").asLong()).isEqualTo(3);
            assertThat(page1.path("items")).extracting(item -> item.path("id").asLong()).containsExactly(third);
            assertThat(page1.path("items").get(0).path("stock").asInt()).isEqualTo(3);
        }
    }

    @Test
    void the_catalogue_pages_by_20_from_page_0_by_default() {
        JsonNode page = api.get("/api/v1/products").json();

        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
    }

    @Test
    void an_admin_sets_the_stock_of_a_product() {
        long product = api.product("100", 10);

        Response updated = api.adminPut("/api/v1/products/" + product + "/stock", "{\"quantity\": 3}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("stock").asInt()).isEqualTo(3);
        assertThat(api.stockOf(product)).isEqualTo(3);
    }

    @Test
    void setting_a_stock_outside_zero_to_a_billion_is_refused_naming_quantity_and_changes_nothing() {
        long product = api.product("100", 10);

        assertInvalid(api.adminPut("/api/v1/products/" + product + "/stock", "{\"quantity\": -1}"), "quantity");
        assertInvalid(api.adminPut("/api/v1/products/" + product + "/stock", "{\"quantity\": 1000000001}"), "quantity");
        assertInvalid(api.adminPut("/api/v1/products/" + product + "/stock", "{\"quantity\": 2147483648}"), "quantity");
        assertThat(api.stockOf(product)).isEqualTo(10);
    }

    @Test
    void setting_the_stock_of_an_unknown_product_is_404_product_not_found() {
        assertProblem(api.adminPut("/api/v1/products/987654/stock", "{\"quantity\": 1}"), 404, "PRODUCT_NOT_FOUND");
    }

    @Test
    void reading_an_unknown_product_is_404_product_not_found() {
        assertProblem(api.get("/api/v1/products/987654"), 404, "PRODUCT_NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"price\": 10, \"stock\": 1}', name",
            "'{\"name\": \"x\", \"stock\": 1}', price",
            "'{\"name\": \"x\", \"price\": 0, \"stock\": 1}', price",
            "'{\"name\": \"x\", \"price\": 100000000.01, \"stock\": 1}', price",
            "'{\"name\": \"x\", \"price\": 10.001, \"stock\": 1}', price",
            "'{\"name\": \"x\", \"price\": 10}', stock",
            "'{\"name\": \"x\", \"price\": 10, \"stock\": -1}', stock",
            "'{\"name\": \"x\", \"price\": 10, \"stock\": 1000000001}', stock",
            "'{\"name\": \"x\", \"price\": 10, \"stock\": \"5\"}', stock",
            "'{\"name\": \"x\", \"price\": 10, \"stock\": 1, \"colour\": \"red\"}', colour"})
    void listing_a_product_with_a_bad_field_is_refused_naming_it(String body, String field) {
        assertInvalid(api.adminPost("/api/v1/products", body), field);
    }

    @Test
    void best_sellers_are_the_units_counted_by_the_statistics_best_first_for_the_days_and_limit_asked() {
        long user = api.userWithBalance("1000000");
        long bestSeller = api.product("10", 100);
        long runnerUp = api.product("10", 100);
        api.placeOrder(user, bestSeller, 12);
        api.placeOrder(user, runnerUp, 3);
        api.relays.statistics().recordOnce();

        JsonNode best = api.get("/api/v1/products/popular?days=7&limit=1").json();
        JsonNode both = api.get("/api/v1/products/popular?days=1&limit=100").json();

        assertThat(best).hasSize(1);
        assertThat(best.get(0).path("productId").asLong()).isEqualTo(bestSeller);
        assertThat(best.get(0).path("name").asText()).isEqualTo("Keyboard");
        assertThat(best.get(0).path("quantitySold").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(both).extracting(product -> product.path("productId").asLong()).containsSubsequence(bestSeller, runnerUp);
    }

    @Test
    void best_sellers_default_to_the_top_5_of_the_last_3_days() {
        long user = api.userWithBalance("1000000");
        for (int i = 0; i < 6; i++) {
            api.placeOrder(user, api.product("10", 100), 1);
        }
        api.relays.statistics().recordOnce();
        api.clock.set(TestApi.START.plus(java.time.Duration.ofDays(2)));

        assertThat(api.get("/api/v1/products/popular").json()).as("today and the two days before").hasSize(5);
        api.clock.set(TestApi.START.plus(java.time.Duration.ofDays(3)));
        assertThat(api.get("/api/v1/products/popular").json()).as("three days later").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/products?page=-1, page",
            "/api/v1/products?size=0, size",
            "/api/v1/products?size=101, size",
            "/api/v1/products?size=ten, size",
            "/api/v1/products?page=1.5, page",
            "/api/v1/products/popular?days=0, days",
            "/api/v1/products/popular?days=31, days",
            "/api/v1/products/popular?limit=0, limit",
            "/api/v1/products/popular?limit=101, limit",
            "/api/v1/products/popular?limit=99999999999, limit"})
    void a_query_parameter_out_of_range_is_refused_naming_it(String path, String parameter) {
        assertInvalid(api.get(path), parameter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1.5", "99999999999999999999"})
    void a_product_id_in_the_path_that_is_not_a_positive_integer_is_refused_naming_id(String id) {
        assertInvalid(api.get("/api/v1/products/" + id), "id");
    }
}
