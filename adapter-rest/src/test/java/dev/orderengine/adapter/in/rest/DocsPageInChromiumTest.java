package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /docs} rendered by a real headless Chromium that can reach nothing but this server: Swagger UI must build the
 * page from the server's own assets and {@code /openapi.json}, showing every operation of the document.
 */
class DocsPageInChromiumTest extends ApiTest {

    /** Swagger UI's summary of one operation: its method, then its path template. */
    private static final Pattern OPERATION = Pattern.compile(
            "<span class=\"opblock-summary-method\">([A-Z]+)</span>.*?<span class=\"opblock-summary-path\" data-path=\"([^\"]+)\"");
    /** The keys of an OpenAPI path item that are operations (the others are shared parameters, a summary ...). */
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final int VIRTUAL_TIME_BUDGET_MILLIS = 20_000;
    private static final Path SCREENSHOT = Path.of("target", "docs.png");

    @TempDir
    Path browserDir;

    @Test
    void renders_every_operation_of_the_openapi_document_including_those_of_api_v1_orders() throws Exception {
        Chromium chromium = Chromium.installed(browserDir);
        String url = "http://127.0.0.1:" + api.port + "/docs";

        String dom = chromium.dumpDom(url, VIRTUAL_TIME_BUDGET_MILLIS);

        List<String> rendered = OPERATION.matcher(dom).results().map(match -> match.group(1) + " " + match.group(2)).toList();
        assertThat(rendered).as("operations Swagger UI rendered; the page was:%n%s", dom)
                .contains("POST /api/v1/orders", "GET /api/v1/orders/{id}", "POST /api/v1/orders/{id}/payments",
                        "POST /api/v1/orders/{id}/cancel")
                .containsExactlyInAnyOrderElementsOf(documentedOperations());
        assertThat(dom).contains("Order Engine API");

        Files.deleteIfExists(SCREENSHOT);
        chromium.screenshot(url, VIRTUAL_TIME_BUDGET_MILLIS, 1280, 2200, SCREENSHOT);
        assertThat(Files.size(SCREENSHOT)).as("a rendered page, not a blank one").isGreaterThan(20_000);
    }

    private List<String> documentedOperations() {
        JsonNode paths = api.get("/openapi.json").json().path("paths");
        List<String> operations = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(key -> {
            if (HTTP_METHODS.contains(key)) {
                operations.add(key.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        return operations;
    }
}
