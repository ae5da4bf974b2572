package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import dev.orderengine.domain.shared.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OperationsRoutesTest extends ApiTest {

    @Test
    void health_is_200_up_while_the_database_answers() {
        Response response = api.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void health_is_503_unavailable_when_the_database_does_not_answer() {
        api.databaseUp.set(false);

        assertProblem(api.get("/health"), 503, "UNAVAILABLE");
    }

    @Test
    void ready_answers_as_health_and_live_never_asks_the_database() {
        assertThat(api.get("/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
        api.databaseUp.set(false);

        assertProblem(api.get("/health/ready"), 503, "UNAVAILABLE");
        Response live = api.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.contentType()).isEqualTo("application/json");
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void while_draining_ready_and_health_are_503_but_live_and_every_route_still_answer() {
        try (TestApi stopping = new TestApi()) {
            long user = stopping.userWithBalance("1000");
            long product = stopping.product("400", 5);

            stopping.api.drain();

            assertThat(assertProblem(stopping.get("/health/ready"), 503, "UNAVAILABLE").path("detail").asText())
                    .isEqualTo("the server is stopping");
            assertProblem(stopping.get("/health"), 503, "UNAVAILABLE");
            assertThat(stopping.get("/health/live").status()).isEqualTo(200);
            assertThat(stopping.placeOrder(user, product, 1).path("status").asText()).isEqualTo("COMPLETED");
            assertThat(stopping.get("/api/v1/products/" + product).status()).isEqualTo(200);
        }
    }

    @Test
    void metrics_count_requests_by_route_and_orders_by_outcome_in_prometheus_text() {
        long user = api.userWithBalance("1000");
        long product = api.product("400", 5);
        api.placeOrder(user, product, 1);
        api.post("/api/v1/orders", TestApi.orderBody(user, product, 50));
        api.post("/api/v1/orders", TestApi.orderBody(user, product, 4));

        Response response = api.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body())
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/orders\",status=\"201\"} 1")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/orders\",status=\"409\"} 2")
                .contains("orders_completed_total 1.0")
                .contains("orders_failed_total{code=\"OUT_OF_STOCK\"} 1.0")
                .contains("orders_failed_total{code=\"INSUFFICIENT_BALANCE\"} 1.0")
                .contains("payment_attempts_total{status=\"SUCCEEDED\"} 1.0")
                .contains("payment_attempts_total{status=\"FAILED\"} 1.0");
    }

    @Test
    void requests_to_unknown_paths_share_one_route_tag() {
        api.get("/api/v1/nothing-" + System.nanoTime());

        assertThat(api.get("/metrics").body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\",status=\"404\"}")
                .doesNotContain("route=\"/api/v1/nothing-");
    }

    @Test
    void the_openapi_document_is_valid_openapi_3_1() {
        Response response = api.get("/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        SwaggerParseResult result = parse(response.body());
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void the_openapi_validation_above_does_catch_a_broken_document() {
        String broken = api.get("/openapi.json").body().replace("#/components/schemas/User\"", "#/components/schemas/Nobody\"");

        assertThat(parse(broken).getMessages()).isNotEmpty();
    }

    @Test
    void the_openapi_document_describes_exactly_the_routes_registered_in_the_server() {
        OpenAPI document = parse(api.get("/openapi.json").body()).getOpenAPI();
        List<String> documented = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method + " " + path)));

        assertThat(api.api.registeredRoutes()).hasSize(29).doesNotHaveDuplicates();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.api.registeredRoutes());
    }

    @Test
    void the_openapi_document_lists_every_problem_code_the_api_can_answer() {
        JsonNode codes = api.get("/openapi.json").json().at("/components/schemas/Problem/properties/code/enum");
        List<String> listed = new ArrayList<>();
        codes.forEach(code -> listed.add(code.asText()));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(Stream.concat(
                Arrays.stream(ErrorCode.values()).map(Enum::name),
                Stream.of(HttpProblem.UNAUTHORIZED, HttpProblem.FORBIDDEN, HttpProblem.METHOD_NOT_ALLOWED,
                        HttpProblem.PAYLOAD_TOO_LARGE, HttpProblem.UNSUPPORTED_MEDIA_TYPE, HttpProblem.UNAVAILABLE,
                        HttpProblem.INTERNAL)).toList());
    }

    private static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }
}
