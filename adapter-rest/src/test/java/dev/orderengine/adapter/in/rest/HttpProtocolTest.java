package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.orderengine.adapter.in.rest.TestApi.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** What every route shares: routing errors, body limits and media types, request ids, failures and shutdown. */
class HttpProtocolTest extends ApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/nothing", "/api/v2/users/1", "/api/v1/users/1/wallet"})
    void an_unknown_path_is_404_not_found(String path) {
        assertProblem(api.get(path), 404, "NOT_FOUND");
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /api/v1/users/1, GET", "GET, /api/v1/orders, POST", "PATCH, /api/v1/products/1/stock, PUT",
            "PUT, /health, GET"})
    void a_known_path_with_another_method_is_405_method_not_allowed_naming_the_allowed_ones(String method, String path, String allowed) {
        Response response = api.send(api.request(path).method(method, HttpRequest.BodyPublishers.noBody()));

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains(allowed);
    }

    @Test
    void a_body_declared_larger_than_64_kib_is_413_payload_too_large_and_creates_nothing() {
        long before = api.user("before");
        byte[] body = userBodyOfSize(Http.MAX_BODY_BYTES + 1);

        Response response = api.send(api.request("/api/v1/users", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(api.user("after")).isEqualTo(before + 1);
    }

    @Test
    void a_body_streamed_without_length_is_cut_off_past_64_kib_with_413() {
        long before = api.user("before");
        byte[] body = userBodyOfSize(Http.MAX_BODY_BYTES * 2);

        Response response = api.send(api.request("/api/v1/users", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(api.user("after")).isEqualTo(before + 1);
    }

    @Test
    void a_body_of_exactly_64_kib_is_accepted() {
        Response response = api.send(api.request("/api/v1/users", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(userBodyOfSize(Http.MAX_BODY_BYTES))));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void a_body_without_content_type_is_415_unsupported_media_type() {
        long before = api.user("before");

        assertProblem(api.send(api.request("/api/v1/users").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}"))),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.user("after")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "application/jsonp",
            "application/json; charset=ISO-8859-1"})
    void a_body_that_is_not_utf8_json_is_415_unsupported_media_type(String contentType) {
        assertProblem(api.post("/api/v1/users", "{\"name\": \"x\"}", "Content-Type", contentType), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(api.put("/api/v1/products/1/stock", "{\"quantity\": 1}", "Content-Type", contentType,
                "Authorization", "Bearer " + TestApi.ADMIN_TOKEN), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=\"UTF-8\""})
    void json_content_types_with_any_spelling_of_utf8_are_accepted(String contentType) {
        assertThat(api.post("/api/v1/users", "{\"name\": \"x\"}", "Content-Type", contentType).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /api/v1/users/%zz HTTP/1.1                 | 400",
            "GET /api/v1/users/1 HTTP/1.1 CRLF X-Padding: PAD | 431",
            "NOT-HTTP-AT-ALL                               | 400"})
    void a_request_refused_before_routing_is_still_answered_with_a_problem(String head, int status) throws IOException {
        String request = head.replace(" CRLF ", "\r\n").replace("PAD", "a".repeat(20_000)) + "\r\nHost: localhost\r\n\r\n";

        String response = rawExchange(request, false);

        assertThat(response).startsWith("HTTP/1.1 " + status)
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"code\":\"VALIDATION_FAILED\"")
                .doesNotContain("<html");
    }

    @Test
    void a_header_differing_only_in_case_from_the_previous_request_on_the_connection_is_read_as_sent() throws IOException {
        String admin = "GET /api/v1/admin/relays HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n%s\r\n";

        String responses = rawExchange(admin.formatted(TestApi.ADMIN_TOKEN, "")
                + admin.formatted(TestApi.ADMIN_TOKEN.toUpperCase(java.util.Locale.ROOT), "Connection: close\r\n"), false);

        assertThat(responses).startsWith("HTTP/1.1 200");
        assertThat(responses.substring(1)).as("the second answer, to the token in upper case")
                .contains("HTTP/1.1 403").contains("\"code\":\"FORBIDDEN\"");
    }

    @Test
    void a_body_shorter_than_announced_is_refused_naming_body() throws IOException {
        String response = rawExchange("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50\r\n\r\n{\"na", true);

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"detail\":\"body: could not be read completely\"");
    }

    @Test
    void every_response_carries_a_fresh_request_id() {
        Response ok = api.get("/api/v1/products");
        Response failed = api.get("/api/v1/nothing");

        assertThat(ok.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(failed.header("X-Request-Id")).matches("[0-9a-f-]{36}").isNotEqualTo(ok.header("X-Request-Id"));
    }

    @Test
    void a_well_formed_request_id_sent_by_the_client_is_kept_and_a_malformed_one_replaced() {
        assertThat(api.get("/api/v1/products", "X-Request-Id", "edge-7f3a.1").header("X-Request-Id")).isEqualTo("edge-7f3a.1");
        assertThat(api.get("/api/v1/products", "X-Request-Id", "<script>").header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void handlers_run_on_virtual_threads_so_blocking_calls_are_fine() {
        AtomicBoolean virtual = new AtomicBoolean();
        api.duringNextTransaction.set(() -> virtual.set(Thread.currentThread().isVirtual()));

        api.get("/api/v1/products/popular");

        assertThat(virtual).isTrue();
    }

    @Test
    void an_unexpected_failure_is_500_internal_naming_only_the_request_id() {
        api.plantedFailure.set(new IllegalStateException("SELECT secret FROM users WHERE token = 'x'"));

        Response response = api.get("/api/v1/products/popular");

        var problem = assertProblem(response, 500, "INTERNAL");
        assertThat(problem.path("detail").asText()).contains(response.header("X-Request-Id"));
        assertThat(response.body()).doesNotContain("SELECT", "IllegalStateException", "java.", "dev.orderengine");
    }

    @Test
    void a_database_outage_is_503_unavailable_for_reads_and_writes_and_changes_nothing() {
        long user = api.userWithBalance("100");
        api.storageDown.set(true);

        Response read = api.get("/api/v1/users/" + user + "/balance");
        Response write = api.post("/api/v1/users/" + user + "/balance/charges", "{\"amount\": 50}");

        assertProblem(read, 503, "UNAVAILABLE");
        assertProblem(write, 503, "UNAVAILABLE");
        assertThat(write.body()).doesNotContain("SELECT", "Connection refused", "SQLException");
        assertThat(write.headers().firstValue("Retry-After")).hasValue("1");
        api.storageDown.set(false);
        assertThat(api.balanceOf(user)).isEqualTo("100.00");
    }

    @Test
    void each_request_is_logged_once_with_method_path_status_duration_request_id_and_trace_id() throws InterruptedException {
        Logger accessLog = (Logger) LoggerFactory.getLogger("dev.orderengine.adapter.in.rest.access");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = accessLog.getLevel();
        accessLog.setLevel(Level.INFO);
        accessLog.addAppender(events);
        try {
            api.get("/api/v1/products?page=0", "X-Request-Id", "logged-request-1");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (events.list.stream().noneMatch(e -> e.getFormattedMessage().contains("logged-request-1")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("logged-request-1"))
                    .singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage).asString()
                    .as("untraced: the trace id is '-'")
                    .matches("GET /api/v1/products 200 \\d+ms logged-request-1 -");
        } finally {
            accessLog.detachAppender(events);
            accessLog.setLevel(level);
        }
    }

    @Test
    void stopping_refuses_new_connections_but_lets_requests_in_flight_finish() throws Exception {
        TestApi server = new TestApi();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.duringNextTransaction.set(() -> {
            entered.countDown();
            await(release);
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(server.uri("/api/v1/products/popular")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        Thread.sleep(300);
        assertThat(stopping).isNotDone();
        HttpClient newcomer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> newcomer.send(HttpRequest.newBuilder(server.uri("/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);

        release.countDown();
        HttpResponse<String> finished = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("[]");
        stopping.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends bytes no HTTP client would send, and reads what comes back until the server closes or goes quiet. */
    private String rawExchange(String request, boolean endOfInput) throws IOException {
        try (Socket socket = new Socket("localhost", api.port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            if (endOfInput) {
                socket.shutdownOutput();
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = socket.getInputStream().read(buffer); read > 0; read = socket.getInputStream().read(buffer)) {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException keptOpen) {
                // a connection the server keeps alive ends the exchange by going quiet
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /** {@code {"name": "x"}} padded with whitespace to exactly {@code size} bytes. */
    private static byte[] userBodyOfSize(int size) {
        String json = "{\"name\": \"x\"}";
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.UTF_8);
    }

}
