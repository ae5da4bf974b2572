import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in data platform for bench/run.sh, run as {@code java bench/Receiver.java PORT}: answers 200 to every
 * POST and counts the distinct {@code Idempotency-Key}s (event ids) it has seen.
 * {@code GET /stats} returns {@code distinct total firstMillis lastMillis} (one line, epoch milliseconds of the first
 * and of the latest POST that brought a new id); {@code POST /reset} forgets everything.
 */
public final class Receiver {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong FIRST = new AtomicLong();
    private static final AtomicLong LAST = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/stats", exchange -> answer(exchange, 200,
                SEEN.size() + " " + TOTAL.get() + " " + FIRST.get() + " " + LAST.get() + "\n"));
        server.createContext("/reset", exchange -> {
            SEEN.clear();
            TOTAL.set(0);
            FIRST.set(0);
            LAST.set(0);
            answer(exchange, 200, "reset\n");
        });
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                long now = System.currentTimeMillis();
                TOTAL.incrementAndGet();
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (key != null && SEEN.add(key)) {
                    FIRST.compareAndSet(0, now);
                    LAST.accumulateAndGet(now, Math::max);
                }
            }
            answer(exchange, 200, "{}");
        });
        server.start();
        System.out.println("receiver listening on 127.0.0.1:" + port);
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
