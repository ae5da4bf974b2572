package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP receiver on loopback. */
class HttpDataPlatformTest {

    /** Two 32-byte keys, as {@code ORDERS_DATAPLATFORM_SECRET} gives them. */
    private static final String SECRET = "whsec_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDE=";
    private static final String NEXT_SECRET = "whsec_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDI=";

    private HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<Long, Integer> answers = new ConcurrentHashMap<>();
    private volatile IntUnaryOperator statusFor = eventId -> 200;
    private volatile Duration delay = Duration.ZERO;
    private volatile long slowEventId = -1;
    private volatile boolean longAnswer;
    /** Event ids in the order their requests arrived, and in the order they were answered. */
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    record Received(String idempotencyKey, String contentType, String body, byte[] bytes, String webhookId,
                    String webhookTimestamp, String webhookSignature) {
    }

    private URI startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/events", this::answer);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        Headers headers = exchange.getRequestHeaders();
        String key = headers.getFirst("Idempotency-Key");
        received.add(new Received(key, headers.getFirst("Content-Type"), new String(bytes, StandardCharsets.UTF_8), bytes,
                headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature")));
        log.add("received " + key);
        try {
            Thread.sleep(Long.parseLong(key) == slowEventId ? Duration.ofMillis(400) : delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = statusFor.applyAsInt(Integer.parseInt(key));
        answers.put(Long.parseLong(key), status);
        log.add("answered " + key);
        byte[] response = ("{\"status\":" + status + (longAnswer ? ",\"padding\":\"" + "z".repeat(50_000) + "\"" : "") + "}")
                .getBytes(StandardCharsets.UTF_8);
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
    void posts_the_stored_body_byte_for_byte_with_the_event_id_as_idempotency_key() throws IOException {
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        List<Delivery> results = platform.deliver(List.of(Events.contractExample()));

        assertThat(results).containsExactly(new Delivery.Delivered());
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.idempotencyKey()).isEqualTo("41");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(Events.CONTRACT_BODY);
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

    @Test
    void a_receiver_that_sends_its_headers_and_then_stalls_is_retried_within_the_request_timeout() throws IOException {
        URI stalling = startStallingReceiver();
        HttpDataPlatform platform = new HttpDataPlatform(stalling, Duration.ofMillis(500), Duration.ofMillis(300), 4);

        long started = System.nanoTime();
        List<Delivery> results = platform.deliver(Events.numbered(1, 1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results).singleElement().isInstanceOfSatisfying(Delivery.Retry.class,
                retry -> assertThat(retry.reason()).contains("no complete answer within 300 ms"));
        assertThat(took).as("bounded by the request timeout, headers and body").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void keeps_only_the_start_of_a_long_refusal() throws IOException {
        statusFor = eventId -> 400;
        longAnswer = true;
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        List<Delivery> results = platform.deliver(Events.numbered(1, 1));

        assertThat(results).singleElement().isInstanceOfSatisfying(Delivery.Poison.class, poison -> {
            assertThat(poison.status()).isEqualTo(400);
            assertThat(poison.response()).hasSize(HttpDataPlatform.MAX_KEPT_RESPONSE).startsWith("{\"status\":400,\"padding\":\"zzz");
        });
    }

    @Test
    void never_sends_an_event_while_an_earlier_event_of_the_same_order_is_unanswered() throws IOException {
        slowEventId = 1;
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 8);

        List<Delivery> results = platform.deliver(List.of(Events.ofOrder(1, 70), Events.ofOrder(2, 71), Events.ofOrder(3, 70)));

        assertThat(results).hasSize(3).allMatch(Delivery.Delivered.class::isInstance);
        List<String> order = List.copyOf(log);
        assertThat(order.indexOf("received 2")).as("%s", order).isLessThan(order.indexOf("answered 1"));
        assertThat(order.indexOf("received 3")).as("the refund waits for its order's completion: %s", order)
                .isGreaterThan(order.indexOf("answered 1"));
    }

    @Test
    void sends_no_signature_without_secrets() throws IOException {
        HttpDataPlatform platform = new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4);

        assertThat(platform.deliver(Events.numbered(1, 2))).allMatch(Delivery.Delivered.class::isInstance);

        assertThat(received).hasSize(2).allSatisfy(request -> {
            assertThat(request.webhookId()).isNull();
            assertThat(request.webhookTimestamp()).isNull();
            assertThat(request.webhookSignature()).isNull();
        });
    }

    @Test
    void signs_each_delivery_over_the_exact_bytes_sent_with_the_event_id_and_the_time_of_the_attempt()
            throws IOException, GeneralSecurityException {
        Instant now = Instant.parse("2026-11-24T10:15:30.900Z");
        HttpDataPlatform platform = signing(WebhookSecrets.parse(SECRET), Clock.fixed(now, ZoneOffset.UTC));
        List<PublishedEvent> events = new ArrayList<>(Events.numbered(1, 9));
        events.add(Events.withBody(10, 10, "{\"eventId\":10,\"reason\":\"colis abîmé – 破損\"}"));

        assertThat(platform.deliver(events)).hasSize(10).allMatch(Delivery.Delivered.class::isInstance);

        assertThat(received).hasSize(10).allSatisfy(request -> {
            assertThat(request.webhookId()).isEqualTo(request.idempotencyKey());
            assertThat(request.webhookTimestamp()).isEqualTo(Long.toString(now.getEpochSecond()));
            assertThat(request.webhookSignature()).isEqualTo("v1," + expectedSignature(SECRET, request));
        });
        Received unicode = received.stream().filter(request -> request.idempotencyKey().equals("10")).findFirst().orElseThrow();
        assertThat(unicode.bytes()).isEqualTo(events.getLast().body().getBytes(StandardCharsets.UTF_8));
        // the verifier does tell a wrong key
        assertThat(unicode.webhookSignature()).isNotEqualTo("v1," + expectedSignature(NEXT_SECRET, unicode));
    }

    @Test
    void during_a_rotation_signs_with_every_secret_so_a_receiver_with_either_accepts() throws IOException, GeneralSecurityException {
        HttpDataPlatform platform = signing(WebhookSecrets.parse(SECRET + " " + NEXT_SECRET), Clock.systemUTC());

        assertThat(platform.deliver(List.of(Events.contractExample()))).containsExactly(new Delivery.Delivered());

        Received request = received.element();
        assertThat(request.webhookSignature())
                .isEqualTo("v1," + expectedSignature(SECRET, request) + " v1," + expectedSignature(NEXT_SECRET, request));
        assertThat(request.bytes()).isEqualTo(Events.CONTRACT_BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_retried_delivery_is_signed_afresh_at_the_time_of_its_attempt() throws IOException, GeneralSecurityException {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:15:30Z"));
        HttpDataPlatform platform = signing(WebhookSecrets.parse(SECRET), new SettableClock(now));
        statusFor = eventId -> 503;
        assertThat(platform.deliver(List.of(Events.contractExample()))).singleElement().isInstanceOf(Delivery.Retry.class);

        // the relay's backoff, past a receiver's 5-minute tolerance
        now.set(now.get().plus(Duration.ofMinutes(7)));
        statusFor = eventId -> 200;
        assertThat(platform.deliver(List.of(Events.contractExample()))).containsExactly(new Delivery.Delivered());

        List<Received> attempts = List.copyOf(received);
        assertThat(attempts).extracting(Received::webhookTimestamp)
                .containsExactly(Long.toString(Instant.parse("2026-11-24T10:15:30Z").getEpochSecond()),
                        Long.toString(Instant.parse("2026-11-24T10:22:30Z").getEpochSecond()));
        for (Received attempt : attempts) {
            assertThat(attempt.webhookSignature()).isEqualTo("v1," + expectedSignature(SECRET, attempt));
        }
        assertThat(attempts.get(1).webhookSignature()).isNotEqualTo(attempts.get(0).webhookSignature());
    }

    private HttpDataPlatform signing(WebhookSecrets secrets, Clock clock) throws IOException {
        return new HttpDataPlatform(startReceiver(), Duration.ofSeconds(1), Duration.ofSeconds(2), 4, secrets, clock, DeliveryTracing.OFF);
    }

    /**
     * What a receiver computes to verify a Standard Webhooks request, written here with javax.crypto and not with the
     * signing code: base64 of HMAC-SHA256, keyed with the base64-decoded bytes after {@code whsec_}, of
     * {@code id.timestamp.} and the body bytes as received.
     */
    private static String expectedSignature(String secret, Received request) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((request.webhookId() + "." + request.webhookTimestamp() + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(request.bytes()));
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {

        private final AtomicReference<Instant> now;

        SettableClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a fixed zone is enough here");
        }
    }

    /** Answers 200 with a declared body length, sends one byte of it and then nothing more. */
    private URI startStallingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 1_000);
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }
}
