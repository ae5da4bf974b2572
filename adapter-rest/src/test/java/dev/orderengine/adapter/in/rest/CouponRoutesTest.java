package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CouponRoutesTest extends ApiTest {

    @Test
    void an_admin_opens_a_coupon_campaign() {
        Response created = api.adminPost("/api/v1/coupon-sources",
                "{\"name\": \"Welcome\", \"discountAmount\": 3000, \"totalQuantity\": 100, \"validDays\": 7}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode source = created.json();
        assertThat(source.path("id").asLong()).isPositive();
        assertThat(source.path("name").asText()).isEqualTo("Welcome");
        assertThat(amount(source.path("discountAmount"))).isEqualTo("3000.00");
        assertThat(source.path("totalQuantity").asInt()).isEqualTo(100);
        assertThat(source.path("issuedQuantity").asInt()).isZero();
        assertThat(source.path("validDays").asInt()).isEqualTo(7);
    }

    @Test
    void issuing_hands_the_user_an_available_coupon_that_expires_after_the_valid_days() {
        long source = api.couponSource("3000", 10, 7);
        long user = api.user("collector");

        Response issued = api.post("/api/v1/coupon-sources/" + source + "/issues", "{\"userId\": " + user + "}");

        assertThat(issued.status()).isEqualTo(201);
        JsonNode coupon = issued.json();
        assertThat(coupon.path("userId").asLong()).isEqualTo(user);
        assertThat(coupon.path("couponSourceId").asLong()).isEqualTo(source);
        assertThat(coupon.path("name").asText()).isEqualTo("Welcome");
        assertThat(amount(coupon.path("discountAmount"))).isEqualTo("3000.00");
        assertThat(coupon.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(coupon.path("expiresAt").asText()).isEqualTo("2026-12-01T10:15:30.123Z");
        JsonNode owned = api.get("/api/v1/users/" + user + "/coupons").json().path("items");
        assertThat(owned).hasSize(1);
        assertThat(owned.get(0).toString()).isEqualTo(coupon.toString());
    }

    @Test
    void a_coupon_shows_as_used_once_spent_and_as_expired_once_past_its_date() {
        long source = api.couponSource("1000", 10, 1);
        long spender = api.userWithBalance("10000");
        long keeper = api.user("keeper");
        long spent = api.coupon(source, spender);
        api.coupon(source, keeper);
        api.post("/api/v1/orders", "{\"userId\": %d, \"items\": [{\"productId\": %d, \"quantity\": 1}], \"couponId\": %d}"
                .formatted(spender, api.product("5000", 1), spent));

        api.clock.advance(Duration.ofDays(2));

        assertThat(api.get("/api/v1/users/" + spender + "/coupons").json().path("items").get(0).path("status").asText()).isEqualTo("USED");
        assertThat(api.get("/api/v1/users/" + keeper + "/coupons").json().path("items").get(0).path("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void a_second_coupon_of_one_campaign_for_the_same_user_is_409_coupon_already_issued() {
        long source = api.couponSource("3000", 10, 7);
        long user = api.user("greedy");
        api.coupon(source, user);

        assertProblem(api.post("/api/v1/coupon-sources/" + source + "/issues", "{\"userId\": " + user + "}"),
                409, "COUPON_ALREADY_ISSUED");
        assertThat(api.get("/api/v1/users/" + user + "/coupons").json().path("items")).hasSize(1);
    }

    @Test
    void a_campaign_with_nothing_left_is_409_coupon_sold_out() {
        long source = api.couponSource("3000", 1, 7);
        api.coupon(source, api.user("early"));
        long late = api.user("late");

        assertProblem(api.post("/api/v1/coupon-sources/" + source + "/issues", "{\"userId\": " + late + "}"), 409, "COUPON_SOLD_OUT");
        assertThat(api.get("/api/v1/users/" + late + "/coupons").json().path("items")).isEmpty();
    }

    @Test
    void issuing_from_an_unknown_campaign_is_404_coupon_source_not_found() {
        long user = api.user("hopeful");

        assertProblem(api.post("/api/v1/coupon-sources/987654/issues", "{\"userId\": " + user + "}"), 404, "COUPON_SOURCE_NOT_FOUND");
    }

    @Test
    void issuing_to_an_unknown_user_is_404_user_not_found() {
        long source = api.couponSource("3000", 10, 7);

        assertProblem(api.post("/api/v1/coupon-sources/" + source + "/issues", "{\"userId\": 987654}"), 404, "USER_NOT_FOUND");
    }

    @Test
    void issuing_to_an_inactive_user_is_409_user_inactive() {
        long source = api.couponSource("3000", 10, 7);
        long user = api.inactiveUser();

        assertProblem(api.post("/api/v1/coupon-sources/" + source + "/issues", "{\"userId\": " + user + "}"), 409, "USER_INACTIVE");
        assertThat(api.get("/api/v1/users/" + user + "/coupons").json().path("items")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "'{\"discountAmount\": 1, \"totalQuantity\": 1, \"validDays\": 1}', name",
            "'{\"name\": \"x\", \"discountAmount\": 0, \"totalQuantity\": 1, \"validDays\": 1}', discountAmount",
            "'{\"name\": \"x\", \"discountAmount\": 1, \"validDays\": 1}', totalQuantity",
            "'{\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 0, \"validDays\": 1}', totalQuantity",
            "'{\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 1}', validDays",
            "'{\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 1, \"validDays\": 3651}', validDays",
            "'{\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 1, \"validDays\": 1.5}', validDays"})
    void opening_a_campaign_with_a_bad_field_is_refused_naming_it(String body, String field) {
        assertInvalid(api.adminPost("/api/v1/coupon-sources", body), field);
    }

    @ParameterizedTest
    @CsvSource({"'{}', userId", "'{\"userId\": 0}', userId", "'{\"userId\": \"7\"}', userId"})
    void issuing_without_a_proper_user_id_is_refused_naming_it(String body, String field) {
        long source = api.couponSource("3000", 10, 7);

        assertInvalid(api.post("/api/v1/coupon-sources/" + source + "/issues", body), field);
    }
}
