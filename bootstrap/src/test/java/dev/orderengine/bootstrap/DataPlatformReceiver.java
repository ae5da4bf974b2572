package dev.orderengine.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A data platform on loopback (the JDK's HTTP server) that answers 200 and records every request it gets (as
 * soon as it arrives, before answering). It may answer after a delay, like a slow platform, and can be told to
 * hold its answers, so that a test knows a relay batch is in flight.
 */
final class DataPlatformReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final Duration answerDelay;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private DataPlatformReceiver(HttpServer server, Duration answerDelay) {
        this.server = server;
        this.answerDelay = answerDelay;
    }

    static DataPlatformReceiver start() throws IOException {
        return start(Duration.ZERO);
    }

    /** A receiver that answers each request {@code answerDelay} after it arrived. */
    static DataPlatformReceiver start(Duration answerDelay) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DataPlatformReceiver receiver = new DataPlatformReceiver(server, answerDelay);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests came with each {@code Idempotency-Key}. */
    Map<String, Long> countsByKey() {
        return received.stream().collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting()));
    }

    /** Requests received but not answered yet. */
    int unanswered() {
        return unanswered.get();
    }

    /** From now on, requests are recorded but not answered until {@link #release}. */
    void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    /** Answers the held requests (the sender may be gone by then) and every later one as usual. */
    void release() {
        hold.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        unanswered.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")), body));
            hold.await();
            Thread.sleep(answerDelay);
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unanswered.decrementAndGet();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
