package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminRoutesTest extends ApiTest {

    @Test
    void an_admin_reads_every_relay_with_its_cursor_lag_and_dead_letters() {
        Response response = api.adminGet("/api/v1/admin/relays");

        assertThat(response.status()).isEqualTo(200);
        JsonNode relays = response.json();
        assertThat(relays).hasSize(2);
        JsonNode relay = relays.get(0);
        assertThat(relay.path("consumer").asText()).isEqualTo("data-platform");
        assertThat(relay.path("position").asLong()).isEqualTo(41);
        assertThat(relay.path("lag").asLong()).isEqualTo(2);
        assertThat(relay.path("lastDeliveredAt").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(relay.path("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(relay.path("deadLetters").asLong()).isEqualTo(1);
        assertThat(relays.get(1).path("lastDeliveredAt").isNull()).isTrue();
        assertThat(relays.get(1).path("lastError").isNull()).isTrue();
    }

    @Test
    void an_admin_replays_a_relay_from_an_event_and_gets_202() {
        Response response = api.adminPost("/api/v1/admin/relays/data-platform/replay", "{\"fromEventId\": 17}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(api.relays.replays).contains("data-platform@17");
    }

    @Test
    void replaying_an_unknown_consumer_is_404_not_found() {
        assertProblem(api.adminPost("/api/v1/admin/relays/nobody/replay", "{\"fromEventId\": 1}"), 404, "NOT_FOUND");
    }

    @Test
    void replaying_from_a_non_positive_event_is_refused_naming_from_event_id_and_replays_nothing() {
        int before = api.relays.replays.size();

        assertInvalid(api.adminPost("/api/v1/admin/relays/data-platform/replay", "{\"fromEventId\": 0}"), "fromEventId");
        assertInvalid(api.adminPost("/api/v1/admin/relays/data-platform/replay", "{}"), "fromEventId");
        assertThat(api.relays.replays).hasSize(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v1/admin/relays                     | ",
            "POST | /api/v1/admin/relays/data-platform/replay | {\"fromEventId\": 1}",
            "POST | /api/v1/products                          | {\"name\": \"x\", \"price\": 1, \"stock\": 1}",
            "PUT  | /api/v1/products/1/stock                  | {\"quantity\": 1}",
            "POST | /api/v1/coupon-sources                    | {\"name\": \"x\", \"discountAmount\": 1, \"totalQuantity\": 1, \"validDays\": 1}"})
    void an_admin_route_without_a_bearer_token_is_401_and_with_a_wrong_one_403_and_does_nothing(String method, String path, String body) {
        long products = api.get("/api/v1/products").json().path("total").asLong();
        int replays = api.relays.replays.size();

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
        assertThat(api.relays.replays).hasSize(replays);
    }

    @Test
    void the_bearer_scheme_is_matched_regardless_of_case() {
        assertThat(api.get("/api/v1/admin/relays", "Authorization", "bearer " + TestApi.ADMIN_TOKEN).status()).isEqualTo(200);
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
