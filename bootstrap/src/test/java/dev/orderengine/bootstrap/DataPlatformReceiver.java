package dev.orderengine.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A data platform on loopback (the JDK's HTTP server) that records every request it gets with the outcome it
 * answered. It answers 200 until a test switches it to another {@link Mode}: refusing connections, 503, or
 * answering too late for the relay's request timeout, always or at times. It may also answer every request after
 * a fixed delay, like a platform a little slow, and can be told to hold its answers, so that a test knows a relay
 * batch is in flight.
 */
final class DataPlatformReceiver implements AutoCloseable {

    /** How the receiver behaves from now on. */
    enum Mode {
        /** Answers 200 at once. */
        UP,
        /** Not listening: connections are refused. */
        REFUSING,
        /** Answers 503 at once. */
        UNAVAILABLE,
        /** Answers 200, but only after {@link #slowAnswer()}. */
        SLOW,
        /** Answers the fifth, tenth ... request like {@link #SLOW}, the others like {@link #UP}. */
        PARTLY_SLOW,
        /** Refuses every event for good: 400 with an answer holding a NUL byte, which PostgreSQL cannot keep as text. */
        REFUSING_WITH_NUL
    }

    private static final int PARTLY_SLOW_EVERY = 5; // not a divisor of the relay's window of 16, so the slow one moves within it

    /** What a request was answered, as the receiver saw it. */
    enum Outcome {
        /** 200 at once: the sender sees it delivered. */
        ACCEPTED,
        /** 503. */
        UNAVAILABLE,
        /** 200 after the slow delay, by when the sender may have given up. */
        LATE,
        /** 400 with {@link #NUL_ANSWER}. */
        REFUSED
    }

    /** What {@link Mode#REFUSING_WITH_NUL} answers. */
    static final String NUL_ANSWER = "{\"error\":\"bad\u0000input\"}";

    /**
     * One request as received, in arrival order, recorded before it is answered; {@code headers} holds its Standard
     * Webhooks headers ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) when it was signed and
     * its {@code traceparent} when it was traced.
     */
    record Received(String method, String path, String contentType, String idempotencyKey, String body, Outcome outcome,
                    Instant receivedAt, Map<String, String> headers) {
    }

    private final int port;
    private final Duration answerDelay;
    private final Duration slowAnswer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong partlySlowRequests = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile Mode mode = Mode.UP;
    private HttpServer server;

    private DataPlatformReceiver(HttpServer server, Duration answerDelay, Duration slowAnswer) {
        this.server = server;
        this.port = server.getAddress().getPort();
        this.answerDelay = answerDelay;
        this.slowAnswer = slowAnswer;
    }

    /** A receiver that answers at once, and after 1 s in {@link Mode#SLOW}. */
    static DataPlatformReceiver start() throws IOException {
        return start(Duration.ZERO, Duration.ofSeconds(1));
    }

    /** A receiver that answers each request {@code answerDelay} after it arrived, and after {@code slowAnswer} in {@link Mode#SLOW}. */
    static DataPlatformReceiver start(Duration answerDelay, Duration slowAnswer) throws IOException {
        DataPlatformReceiver receiver = new DataPlatformReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                answerDelay, slowAnswer);
        receiver.serve(receiver.server);
        return receiver;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    Duration slowAnswer() {
        return slowAnswer;
    }

    /** Changes the behaviour for requests from now on; leaving {@link Mode#REFUSING} listens again on the same port. */
    synchronized void switchTo(Mode next) {
        if (next == Mode.REFUSING && mode != Mode.REFUSING) {
            server.stop(0);
        } else if (next != Mode.REFUSING && mode == Mode.REFUSING) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
            serve(server);
        }
        mode = next;
    }

    private static Map<String, String> recordedHeaders(HttpExchange exchange) {
        Map<String, String> recorded = new TreeMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "traceparent")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                recorded.put(name, value);
            }
        }
        return recorded;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests came with each {@code Idempotency-Key}. */
    Map<String, Long> countsByKey() {
        return received.stream().collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting()));
    }

    /**
     * Requests that arrived while answers are held and wait for {@link #release}: none of them can be answered before
     * the test lets it, so their events are surely past the sender's cursor.
     */
    int held() {
        return held.get();
    }

    /** From now on, requests are recorded but not answered until {@link #release}. */
    void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    /** Answers the held requests (the sender may be gone by then) and every later one as usual. */
    void release() {
        hold.countDown();
    }

    private void serve(HttpServer listener) {
        listener.createContext("/", this::handle);
        listener.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        listener.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Outcome outcome = switch (mode) {
                case UNAVAILABLE -> Outcome.UNAVAILABLE;
                case SLOW -> Outcome.LATE;
                case PARTLY_SLOW -> partlySlowRequests.incrementAndGet() % PARTLY_SLOW_EVERY == 0 ? Outcome.LATE : Outcome.ACCEPTED;
                case UP, REFUSING -> Outcome.ACCEPTED; // REFUSING: a connection accepted just before the switch
                case REFUSING_WITH_NUL -> Outcome.REFUSED;
            };
            // recorded before answering, so the order of this list respects what the sender could know
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")), body, outcome, Instant.now(),
                    recordedHeaders(exchange)));
            awaitRelease();
            pause(outcome == Outcome.LATE ? slowAnswer : answerDelay);
            if (outcome == Outcome.REFUSED) {
                byte[] answer = NUL_ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                exchange.sendResponseHeaders(outcome == Outcome.UNAVAILABLE ? 503 : 200, -1);
            }
        }
    }

    private void awaitRelease() {
        CountDownLatch current = hold;
        if (current.getCount() == 0) {
            return;
        }
        held.incrementAndGet();
        try {
            current.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        release();
        if (mode != Mode.REFUSING) {
            server.stop(0);
        }
    }
}
