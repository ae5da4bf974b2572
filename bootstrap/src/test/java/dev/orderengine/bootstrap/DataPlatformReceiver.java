package dev.orderengine.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** A data platform on loopback (the JDK's HTTP server) that answers 200 and records every request it gets. */
final class DataPlatformReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String contentType, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private DataPlatformReceiver(HttpServer server) {
        this.server = server;
    }

    static DataPlatformReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DataPlatformReceiver receiver = new DataPlatformReceiver(server);
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")), body));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
