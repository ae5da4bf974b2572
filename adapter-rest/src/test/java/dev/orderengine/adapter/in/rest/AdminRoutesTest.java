package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminRoutesTest extends ApiTest {

    @Test
    void an_admin_reads_every_relay_with_its_cursor_lag_last_delivery_error_and_dead_letters() {
        long user = api.userWithBalance("1000");
        long product = api.product("10", 100);
        api.placeOrder(user, product, 1);
        api.placeOrder(user, product, 1);
        List<Long> events = eventIds();
        api.dataPlatform.refused.add(events.getLast());
        api.relays.relay().relayOnce();

        Response response = api.adminGet("/api/v1/admin/relays");

        assertThat(response.status()).isEqualTo(200);
        JsonNode relays = response.json();
        assertThat(relays).extracting(relay -> relay.path("consumer").asText()).containsExactly("dataplatform", "sales-statistics");
        JsonNode relay = relays.get(0);
        assertThat(relay.path("position").asLong()).isEqualTo(events.getLast());
        assertThat(relay.path("lag").asLong()).isZero();
        assertThat(relay.path("lastDeliveredAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(relay.path("lastError").isNull()).isTrue();
        assertThat(relay.path("deadLetters").asLong()).isEqualTo(1);
        JsonNode statistics = relays.get(1);
        assertThat(statistics.path("position").asLong()).isZero();
        assertThat(statistics.path("lag").asLong()).isEqualTo(events.size());
        assertThat(statistics.path("lastDeliveredAt").isNull()).isTrue();
    }

    @Test
    void an_admin_replays_the_data_platform_relay_from_an_event_and_gets_202() {
        long user = api.userWithBalance("1000");
        long product = api.product("10", 100);
        api.placeOrder(user, product, 1);
        api.placeOrder(user, product, 1);
        api.relays.relay().relayOnce();
        List<Long> events = eventIds();

        Response response = api.adminPost("/api/v1/admin/relays/dataplatform/replay", "{\"fromEventId\": " + events.get(events.size() - 2) + "}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(api.adminGet("/api/v1/admin/relays").json().get(0).path("lag").asLong()).isEqualTo(2);
        api.relays.relay().relayOnce();
        assertThat(api.dataPlatform.accepted).endsWith(events.get(events.size() - 2), events.getLast());
    }

    @Test
    void replaying_an_unknown_consumer_is_404_not_found() {
        assertProblem(api.adminPost("/api/v1/admin/relays/nobody/replay", "{\"fromEventId\": 1}"), 404, "NOT_FOUND");
    }

    @Test
    void replaying_the_statistics_or_from_an_event_that_is_not_kept_is_refused_naming_why() {
        long user = api.userWithBalance("1000");
        api.placeOrder(user, api.product("10", 100), 1);

        JsonNode statistics = assertProblem(api.adminPost("/api/v1/admin/relays/sales-statistics/replay",
                "{\"fromEventId\": " + eventIds().getFirst() + "}"), 400, "VALIDATION_FAILED");
        JsonNode unknown = assertProblem(api.adminPost("/api/v1/admin/relays/dataplatform/replay", "{\"fromEventId\": 999999}"),
                400, "VALIDATION_FAILED");

        assertThat(statistics.path("detail").asText()).startsWith("consumer: ");
        assertThat(unknown.path("detail").asText()).startsWith("fromEventId: ").contains("the oldest kept event is " + eventIds().getFirst());
    }

    @Test
    void replaying_from_a_non_positive_event_is_refused_naming_from_event_id() {
        assertInvalid(api.adminPost("/api/v1/admin/relays/dataplatform/replay", "{\"fromEventId\": 0}"), "fromEventId");
        assertInvalid(api.adminPost("/api/v1/admin/relays/dataplatform/replay", "{}"), "fromEventId");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v1/admin/relays                     | ",
            "POST | /api/v1/admin/relays/dataplatform/replay  | {\"fromEventId\": 1}",
            "POST | /api/v1/products                          | {\"name\": \"x\", \"price\": 1, \"stock\": 1}",
            "PUT  | /api/v1/products/1/stock                  | {\"quantity\": 1}",
            "POST | /api/v1/coupon-sources                    | {\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 1, \"validDays\": 1}"})
    void an_admin_route_without_a_bearer_token_is_401_and_with_a_wrong_one_403_and_does_nothing(String method, String path, String body) {
        long products = api.get("/api/v1/products").json().path("total").asLong();
        String relays = api.adminGet("/api/v1/admin/relays").body();

        Response missing = call(method, path, body);
        Response basic = call(method, path, body, "Authorization", "Basic YWRtaW46YWRtaW4=");
        Response wrong = call(method, path, body, "Authorization", "Bearer " + TestApi.ADMIN_TOKEN + "x");
        Response empty = call(method, path, body, "Authorization", "Bearer ");

        assertProblem(missing, 401, "UNAUTHORIZED");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(basic, 401, "UNAUTHORIZED");
        assertProblem(wrong, 403, "FORBIDDEN");
        assertProblem(empty, 401, "UNAUTHORIZED");
        assertThat(api.get("/api/v1/products").json().path("total").asLong()).isEqualTo(products);
        assertThat(api.adminGet("/api/v1/admin/relays").body()).isEqualTo(relays);
    }

    @Test
    void the_bearer_scheme_is_matched_regardless_of_case() {
        assertThat(api.get("/api/v1/admin/relays", "Authorization", "bearer " + TestApi.ADMIN_TOKEN).status()).isEqualTo(200);
    }

    private List<Long> eventIds() {
        return List.copyOf(api.storage.eventsById().keySet());
    }

    private Response call(String method, String path, String body, String... headers) {
        if (body == null) {
            return api.send(api.request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.send(api.request(path, all).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
