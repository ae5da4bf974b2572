package dev.orderengine.adapter.out.dataplatform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Further Kafka producer settings (TLS, SASL, compression, batching, client id…), from the properties file that
 * {@code ORDERS_KAFKA_PROPERTIES} names, applied on top of {@link KafkaDataPlatform}'s own. The settings that make the
 * delivery contract are refused rather than quietly ignored, so a file that tries to change them stops the server at
 * start instead of running with something else than it says: see {@link #FIXED}. Kafka checks every other value when
 * the producer is made.
 */
public record KafkaProperties(Map<String, String> settings) {

    private static final String TIMEOUTS = "the producer's timeouts follow ORDERS_DATAPLATFORM_TIMEOUT";
    private static final String RECORD = "the record is the order id and the stored body, as UTF-8 bytes";
    private static final String PARTITION = "every event of an order goes to its order id's partition";

    /** The settings a file may not set, and why. */
    static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("bootstrap.servers", "the brokers come from ORDERS_DATAPLATFORM_URL"),
            Map.entry("acks", "delivered means acknowledged by every in-sync replica (acks=all)"),
            Map.entry("enable.idempotence", "the producer is idempotent, so its own retries neither duplicate nor reorder"),
            Map.entry("transactional.id", "the relay publishes without Kafka transactions"),
            Map.entry("key.serializer", RECORD),
            Map.entry("value.serializer", RECORD),
            Map.entry("partitioner.class", PARTITION),
            Map.entry("partitioner.ignore.keys", PARTITION),
            Map.entry("max.block.ms", TIMEOUTS),
            Map.entry("request.timeout.ms", TIMEOUTS),
            Map.entry("delivery.timeout.ms", TIMEOUTS));

    /** No further settings: {@code ORDERS_KAFKA_PROPERTIES} unset. */
    public static final KafkaProperties NONE = new KafkaProperties(Map.of());

    /**
     * @throws IllegalArgumentException naming the first (alphabetically) of the settings that cannot be overridden
     */
    public KafkaProperties {
        settings = Map.copyOf(settings);
        new TreeMap<>(settings).keySet().stream().filter(FIXED::containsKey).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException(name + " cannot be overridden: " + FIXED.get(name));
        });
    }

    /**
     * Reads a properties file (UTF-8).
     *
     * @throws IllegalArgumentException with a one-line reason, starting with the file, when it cannot be read or sets
     *                                  one of the {@link #FIXED} settings
     */
    public static KafkaProperties load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        try {
            return new KafkaProperties(settings);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException(file + ": " + refused.getMessage());
        }
    }
}
