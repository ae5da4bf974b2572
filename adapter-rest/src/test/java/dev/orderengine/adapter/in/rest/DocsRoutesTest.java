package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The /docs page over plain HTTP: what it references, and that the server itself serves all of it. */
class DocsRoutesTest extends ApiTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void the_page_loads_only_files_of_this_server_and_forbids_the_browser_any_other_source() {
        Response page = api.get("/docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualToIgnoringWhitespace("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self';").doesNotContain("http");
        List<String> references = references(page.body());
        assertThat(references).contains("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/initializer.js")
                .allSatisfy(reference -> assertThat(reference).startsWith("/docs/"));
        for (String reference : references) {
            Response asset = api.get(reference);
            assertThat(asset.status()).as(reference).isEqualTo(200);
            assertThat(asset.body()).as(reference).isNotEmpty();
            assertThat(asset.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(api.get("/docs/swagger-ui-bundle.js").contentType()).isEqualToIgnoringWhitespace("text/javascript; charset=utf-8");
        assertThat(api.get("/docs/swagger-ui.css").contentType()).isEqualToIgnoringWhitespace("text/css; charset=utf-8");
        assertThat(api.get("/docs/favicon-32x32.png").contentType()).isEqualTo("image/png");
    }

    @Test
    void the_initializer_reads_this_servers_document_and_turns_the_outside_validator_off() {
        String initializer = api.get("/docs/initializer.js").body();

        assertThat(initializer).contains("url: \"/openapi.json\"", "validatorUrl: null").doesNotContain("http");
    }

    @Test
    void the_swagger_ui_on_the_classpath_is_version_5_or_newer() throws IOException {
        Properties webjar = new Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            webjar.load(in);
        }

        assertThat(Integer.parseInt(webjar.getProperty("version").split("\\.")[0])).isGreaterThanOrEqualTo(5);
    }

    @Test
    void files_the_page_does_not_use_are_not_served() {
        // the webjar's own initializer would load an outside example document
        assertProblem(api.get("/docs/swagger-initializer.js"), 404, "NOT_FOUND");
        assertProblem(api.get("/docs/index.html"), 404, "NOT_FOUND");
        assertProblem(api.get("/docs/..%2Fopenapi.json"), 404, "NOT_FOUND");
        assertProblem(api.get("/docs/..%2F..%2FMETA-INF%2FMANIFEST.MF"), 404, "NOT_FOUND");
    }

    private static List<String> references(String html) {
        return REFERENCE.matcher(html).results().map(match -> match.group(1)).toList();
    }
}
