package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One real server per test class; each test makes its own users and products, and switches are reset after it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTest {

    TestApi api;

    @BeforeAll
    void startServer() {
        api = new TestApi();
    }

    @AfterAll
    void stopServer() {
        api.close();
    }

    @AfterEach
    void resetSwitches() {
        api.storageDown.set(false);
        api.databaseUp.set(true);
        api.clock.set(TestApi.START);
        api.plantedFailure.set(null);
        api.duringNextTransaction.set(null);
    }

    /** Asserts an RFC 9457 problem with the spec's status and code, and returns its body. */
    static JsonNode assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("urn:orderengine:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.header("X-Request-Id")).isNotBlank();
        return problem;
    }

    /** Asserts a {@code VALIDATION_FAILED} whose detail names {@code field}. */
    static void assertInvalid(Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).startsWith(field + ": ");
    }

    static String amount(JsonNode node) {
        return node.decimalValue().toPlainString();
    }
}
