package dev.orderengine.bootstrap;

import dev.orderengine.adapter.out.dataplatform.KafkaEndpoint;
import dev.orderengine.adapter.out.dataplatform.KafkaProperties;
import dev.orderengine.adapter.out.dataplatform.WebhookSecrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration (SPEC §5), read from environment variables, or from a properties file using
 * the same names (the environment wins). A bad value fails with a {@link ConfigException} naming the variable.
 */
public record ServerConfig(int httpPort, int httpConcurrency, String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
                           Optional<DataPlatformTarget> dataPlatform, WebhookSecrets dataPlatformSecrets,
                           KafkaProperties kafkaProperties, Duration dataPlatformTimeout, Duration relayInterval, int relayBatchSize,
                           Duration reservationTtl, Optional<String> adminToken, Optional<Boolean> demoData,
                           Duration eventRetention, Duration deadLetterRetention, Duration idempotencyRetention,
                           Duration drainDelay) {

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/orders";

    /** Where the relay sends the order events: an HTTP endpoint or a Kafka topic ({@code ORDERS_DATAPLATFORM_URL}). */
    public sealed interface DataPlatformTarget {

        /** {@code http://} or {@code https://}: one POST per event, signed when secrets are set. */
        record Http(URI url) implements DataPlatformTarget {

            @Override
            public String toString() {
                return url.toString();
            }
        }

        /** {@code kafka://host:port[,host:port]/topic}: one record per event. */
        record Kafka(KafkaEndpoint endpoint) implements DataPlatformTarget {

            @Override
            public String toString() {
                return endpoint.toString();
            }
        }
    }

    private static final Duration MIN_EXPIRY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_EXPIRY_INTERVAL = Duration.ofSeconds(30);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** Whether the database is the embedded H2 one. */
    public boolean embeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /**
     * How often unpaid reservations are looked for: every 30 s, but at least four times per TTL (never under
     * 1 s), so a short TTL is honoured within about a quarter of itself rather than up to 30 s late.
     */
    public Duration expiryInterval() {
        Duration quarter = reservationTtl.dividedBy(4);
        Duration atLeastASecond = quarter.compareTo(MIN_EXPIRY_INTERVAL) < 0 ? MIN_EXPIRY_INTERVAL : quarter;
        return atLeastASecond.compareTo(MAX_EXPIRY_INTERVAL) > 0 ? MAX_EXPIRY_INTERVAL : atLeastASecond;
    }

    /** Reads the configuration from {@code values} (variable name to raw value; absent or blank means default). */
    public static ServerConfig from(Map<String, String> values) {
        Reader reader = new Reader(values);
        String dbUrl = reader.text("ORDERS_DB_URL").orElse(DEFAULT_DB_URL);
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("ORDERS_DB_URL", "must be a jdbc:h2: or jdbc:postgresql: URL, got '" + dbUrl + "'");
        }
        boolean h2 = dbUrl.startsWith("jdbc:h2:");
        int poolSize = reader.integer("ORDERS_DB_POOL_SIZE", 1, 1_000).orElse(16);
        Duration reservationTtl = reader.parsed("ORDERS_RESERVATION_TTL", ServerConfig::duration).orElse(Duration.ofMinutes(15));
        Duration idempotencyRetention = reader.parsed("ORDERS_IDEMPOTENCY_RETENTION", ServerConfig::duration).orElse(Duration.ofHours(24));
        if (idempotencyRetention.compareTo(reservationTtl) < 0) {
            // a retry of an order request must still find its key while the order's stock is held
            throw new ConfigException("ORDERS_IDEMPOTENCY_RETENTION", "must be at least ORDERS_RESERVATION_TTL (" + reservationTtl
                    + "), got " + idempotencyRetention);
        }
        Optional<DataPlatformTarget> dataPlatform = reader.parsed("ORDERS_DATAPLATFORM_URL", ServerConfig::dataPlatform);
        WebhookSecrets secrets = reader.secret("ORDERS_DATAPLATFORM_SECRET", WebhookSecrets::parse).orElse(WebhookSecrets.NONE);
        if (!secrets.isEmpty() && !(dataPlatform.orElse(null) instanceof DataPlatformTarget.Http)) {
            // a setting that would be ignored is refused: the user meant something by it
            throw new ConfigException("ORDERS_DATAPLATFORM_SECRET", "signs HTTP deliveries only, but ORDERS_DATAPLATFORM_URL is "
                    + dataPlatform.map(target -> "a Kafka topic").orElse("unset (the JSONL file)"));
        }
        reader.parsed("ORDERS_LOG_FORMAT", raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "text", "json" -> raw;
            default -> throw new IllegalArgumentException("must be text or json");
        });
        KafkaProperties kafkaProperties = reader.parsed("ORDERS_KAFKA_PROPERTIES", raw -> KafkaProperties.load(Path.of(raw)))
                .orElse(KafkaProperties.NONE);
        if (!kafkaProperties.settings().isEmpty() && !(dataPlatform.orElse(null) instanceof DataPlatformTarget.Kafka)) {
            throw new ConfigException("ORDERS_KAFKA_PROPERTIES", "applies to a kafka:// ORDERS_DATAPLATFORM_URL only");
        }
        return new ServerConfig(
                reader.integer("ORDERS_HTTP_PORT", 0, 65_535).orElse(8080),
                // as many API requests at once as there are connections: the rest queue in arrival order
                reader.integer("ORDERS_HTTP_CONCURRENCY", 0, 100_000).orElse(poolSize),
                dbUrl,
                reader.text("ORDERS_DB_USER").orElse(h2 ? "sa" : "postgres"),
                reader.text("ORDERS_DB_PASSWORD").orElse(""),
                poolSize,
                dataPlatform,
                secrets,
                kafkaProperties,
                reader.parsed("ORDERS_DATAPLATFORM_TIMEOUT", ServerConfig::duration).orElse(Duration.ofSeconds(5)),
                reader.parsed("ORDERS_RELAY_INTERVAL", ServerConfig::duration).orElse(Duration.ofSeconds(10)),
                reader.integer("ORDERS_RELAY_BATCH_SIZE", 1, 10_000).orElse(500),
                reservationTtl,
                reader.text("ORDERS_ADMIN_TOKEN").map(token -> {
                    if (token.length() < 16) {
                        throw new ConfigException("ORDERS_ADMIN_TOKEN", "must be at least 16 characters");
                    }
                    return token;
                }),
                reader.parsed("ORDERS_DEMO_DATA", ServerConfig::bool),
                reader.parsed("ORDERS_EVENT_RETENTION", ServerConfig::duration).orElse(Duration.ofDays(7)),
                reader.parsed("ORDERS_DEAD_LETTER_RETENTION", ServerConfig::duration).orElse(Duration.ofDays(30)),
                idempotencyRetention,
                // long enough for a load balancer polling /health/ready every second or so to stop sending
                reader.parsed("ORDERS_DRAIN_DELAY", ServerConfig::delay).orElse(Duration.ofSeconds(2)));
    }

    /** {@code 10s}, {@code 500ms}, {@code 15m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}); must be positive. */
    static Duration duration(String raw) {
        Duration duration = anyDuration(raw);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return duration;
    }

    /** A duration as {@link #duration} reads it, but zero ({@code 0s}) is allowed: no delay. */
    static Duration delay(String raw) {
        Duration delay = anyDuration(raw);
        if (delay.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return delay;
    }

    private static Duration anyDuration(String raw) {
        Matcher matcher = DURATION.matcher(raw);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 10s, 15m, 1h or PT10S");
        }
    }

    private static DataPlatformTarget dataPlatform(String raw) {
        if (raw.regionMatches(true, 0, "kafka://", 0, "kafka://".length())) {
            return new DataPlatformTarget.Kafka(KafkaEndpoint.parse(raw));
        }
        try {
            URI uri = new URI(raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http://, https:// or kafka:// URL");
            }
            return new DataPlatformTarget.Http(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http://, https:// or kafka:// URL", e);
        }
    }

    private static Boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** Reads one variable at a time and names it in every error. */
    private record Reader(Map<String, String> values) {

        Optional<String> text(String name) {
            String raw = values.get(name);
            return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
        }

        <T> Optional<T> parsed(String name, Function<String, T> parser) {
            return text(name).map(raw -> {
                try {
                    return parser.apply(raw);
                } catch (RuntimeException e) {
                    String problem = e.getMessage() == null ? "is not valid" : e.getMessage();
                    throw new ConfigException(name, problem + ", got '" + raw + "'");
                }
            });
        }

        /** As {@link #parsed}, but an error never shows the value. */
        <T> Optional<T> secret(String name, Function<String, T> parser) {
            return text(name).map(raw -> {
                try {
                    return parser.apply(raw);
                } catch (RuntimeException e) {
                    throw new ConfigException(name, e.getMessage() == null ? "is not valid" : e.getMessage());
                }
            });
        }

        Optional<Integer> integer(String name, int min, int max) {
            return parsed(name, raw -> {
                int value;
                try {
                    value = Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be an integer between " + min + " and " + max);
                }
                if (value < min || value > max) {
                    throw new IllegalArgumentException("must be an integer between " + min + " and " + max);
                }
                return value;
            });
        }
    }
}
