package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderengine.application.relay.Delivery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP receiver on loopback. */
class HttpDataPlatformTest {

    private HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<Long, Integer> answers = new ConcurrentHashMap<>();
    private volatile IntUnaryOperator statusFor = eventId -> 200;
    private volatile Duration delay = Duration.ZERO;
    private volatile long slowEventId = -1;
    /** Event ids in the order their requests arrived, and in the order they were answered. */
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    record Received(String idempotencyKey, String contentType, String body) {
    }

    private URI startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/events", this::answer);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        received.add(new Received(key, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        log.add("received " + key);
        try {
            Thread.sleep(Long.parseLong(key) == slowEventId ? Duration.ofMillis(400) : delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = statusFor.applyAsInt(Integer.parseInt(key));
        answers.put(Long.parseLong(key), status);
        log.add("answered " + key);
        byte[] response = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void posts_the_contract_body_with_the_event_id_as_idempotency_key() throws IOException {
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        List<Delivery> results = platform.deliver(List.of(Events.contractExample()));

        assertThat(results).containsExactly(new Delivery.Delivered());
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.idempotencyKey()).isEqualTo("41");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(EventJson.write(Events.contractExample()));
        });
    }

    @Test
    void delivers_many_events_a_few_at_a_time_and_answers_in_order() throws IOException {
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 8);

        List<Delivery> results = platform.deliver(Events.numbered(1, 50));

        assertThat(results).hasSize(50).allMatch(Delivery.Delivered.class::isInstance);
        assertThat(received).extracting(Received::idempotencyKey).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void starts_the_next_event_as_soon_as_the_oldest_in_flight_answers_but_never_runs_a_window_ahead_of_a_slow_one()
            throws IOException {
        slowEventId = 2;
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        List<Delivery> results = platform.deliver(Events.numbered(1, 10));

        assertThat(results).hasSize(10).allMatch(Delivery.Delivered.class::isInstance);
        List<String> order = List.copyOf(log);
        int slowAnswered = order.indexOf("answered 2");
        // event 5 needs only event 1's answer: it does not wait for the whole window (2 is still busy)
        assertThat(order.indexOf("received 5")).as("%s", order).isLessThan(slowAnswered);
        // event 6 needs event 2's answer: nothing runs more than 4 events ahead of an unanswered one
        assertThat(order.indexOf("received 6")).as("%s", order).isGreaterThan(slowAnswered);
    }

    @Test
    void counts_409_as_delivered() throws IOException {
        statusFor = eventId -> 409;
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        assertThat(platform.deliver(Events.numbered(1, 2))).allMatch(Delivery.Delivered.class::isInstance);
    }

    @Test
    void retries_408_429_and_5xx_and_stops_sending_after_the_first_that_must_wait() throws IOException {
        for (int status : new int[] {408, 429, 500, 503}) {
            statusFor = eventId -> eventId == 3 ? status : 200;
            HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 2);

            List<Delivery> results = platform.deliver(Events.numbered(1, 6));

            assertThat(results.subList(0, 2)).allMatch(Delivery.Delivered.class::isInstance);
            assertThat(results.get(2)).isEqualTo(new Delivery.Retry("HTTP " + status));
            // event 4 started before event 3 answered (window of 2); event 5 waits for event 3, so 5 and 6 were held back
            assertThat(results.subList(4, 6)).allMatch(Delivery.Retry.class::isInstance);
            assertThat(answers).doesNotContainKeys(5L, 6L);
            stop();
            answers.clear();
        }
    }

    @Test
    void marks_other_4xx_as_poison_with_the_response_and_goes_on() throws IOException {
        statusFor = eventId -> eventId == 2 ? 422 : 200;
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        List<Delivery> results = platform.deliver(Events.numbered(1, 3));

        assertThat(results).containsExactly(new Delivery.Delivered(), new Delivery.Poison(422, "{\"status\":422}"), new Delivery.Delivered());
    }

    @Test
    void retries_when_the_receiver_is_down() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpDataPlatform platform = new HttpDataPlatform(URI.create("http://127.0.0.1:" + closedPort + "/events"),
                Duration.ofMillis(500), Duration.ofSeconds(1), 4);

        List<Delivery> results = platform.deliver(Events.numbered(1, 3));

        assertThat(results).hasSize(3).allMatch(Delivery.Retry.class::isInstance);
        assertThat(((Delivery.Retry) results.getFirst()).reason()).contains("ConnectException");
    }

    @Test
    void retries_when_the_receiver_is_too_slow() throws IOException {
        delay = Duration.ofMillis(800);
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofMillis(500), Duration.ofMillis(200), 4);

        List<Delivery> results = platform.deliver(Events.numbered(1, 1));

        assertThat(results).singleElement().isInstanceOfSatisfying(Delivery.Retry.class,
                retry -> assertThat(retry.reason()).contains("HttpTimeoutException"));
    }
}
