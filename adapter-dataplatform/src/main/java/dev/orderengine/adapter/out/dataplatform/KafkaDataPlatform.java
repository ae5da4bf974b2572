package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import dev.orderengine.application.relay.SendWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes each event's stored body (UTF-8) to a Kafka topic (SPEC §3), through the {@link SendWindow}: record key =
 * the order id as decimal text, so all events of an order land in one partition in order; headers {@code eventId}
 * (decimal text) and {@code type}. One idempotent producer with {@code acks=all} per instance: an event counts as
 * delivered once the broker has acknowledged it.
 *
 * <p>Timeouts: each send is answered within the relay's timeout. On the relay's thread the producer waits at most half
 * of it for the topic's metadata ({@code max.block.ms}); the other half is left for looking the topic up when the
 * metadata does not come. The producer gives up on a record after all of it ({@code delivery.timeout.ms}, with
 * {@code request.timeout.ms} = the timeout less {@code linger.ms}, as Kafka requires). Answers: acknowledged → delivered; a record the broker refuses for good (too large, invalid) → poison, with
 * status 0 (Kafka has no HTTP status) and the error as response; everything else (broker down, timeouts, retriable
 * errors, a missing topic, authentication and authorization errors, which an operator fixes without the event changing)
 * → retry, nothing skipped. When the metadata does not come, the topic is looked up to say why: a topic that does not
 * exist (with auto-creation off) is reported as such. A producer that an error leaves unable to send (cluster
 * authorization, fencing, an unsupported version: Kafka keeps it in a fatal state) is replaced before the next batch,
 * so fixing the cause is enough. {@link #close()} closes the producer.
 */
public final class KafkaDataPlatform implements DataPlatform, AutoCloseable {

    /**
     * Not Kafka's 5 ms: with at most a window of records unacknowledged, the records that queue while a request is out
     * make the batches, and lingering only holds the window back (a drain on loopback: about 15,000 events/s at 0 ms,
     * 2,500 at 5 ms). A properties file may still set it.
     */
    static final long DEFAULT_LINGER_MS = 0;
    static final String DEFAULT_CLIENT_ID = "orders-dataplatform";

    private static final Delivery DELIVERED = new Delivery.Delivered();

    private final KafkaEndpoint endpoint;
    private final Duration timeout;
    private final int maxInFlight;
    private final Map<String, Object> settings;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private volatile Producer<byte[], byte[]> producer;
    /** Set by a failure after which the producer sends nothing more (see {@link #breaksTheProducer}). */
    private volatile boolean producerBroken;
    /** Made on the first missing metadata, to tell a missing topic from an unreachable broker. */
    private Admin lookup;
    private final DeliveryTracing tracing;

    /**
     * @param timeout     the relay's {@code ORDERS_DATAPLATFORM_TIMEOUT}: no send takes longer
     * @param maxInFlight events sent but not yet acknowledged, at most
     * @throws IllegalArgumentException with a one-line reason when Kafka refuses a setting of {@code properties}
     *                                  (naming it), or {@code linger.ms} is not shorter than {@code timeout}
     */
    public KafkaDataPlatform(KafkaEndpoint endpoint, KafkaProperties properties, Duration timeout, int maxInFlight) {
        this(endpoint, properties, timeout, maxInFlight, DeliveryTracing.OFF);
    }

    /** The same, with a span per delivery whose {@code traceparent} goes with the record as a header. */
    public KafkaDataPlatform(KafkaEndpoint endpoint, KafkaProperties properties, Duration timeout, int maxInFlight,
                             DeliveryTracing tracing) {
        this(endpoint, properties, timeout, maxInFlight, KafkaProducer::new, tracing);
    }

    /** With {@code producers} making each producer from the settings (the first one now, a replacement when broken). */
    KafkaDataPlatform(KafkaEndpoint endpoint, KafkaProperties properties, Duration timeout, int maxInFlight,
                      Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this(endpoint, properties, timeout, maxInFlight, producers, DeliveryTracing.OFF);
    }

    private KafkaDataPlatform(KafkaEndpoint endpoint, KafkaProperties properties, Duration timeout, int maxInFlight,
                              Function<Map<String, Object>, Producer<byte[], byte[]>> producers, DeliveryTracing tracing) {
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.settings = producerSettings(endpoint, properties, timeout);
        this.producers = producers;
        try {
            this.producer = producers.apply(settings);
        } catch (KafkaException refused) {
            throw new IllegalArgumentException(SendWindow.describe(refused));
        }
    }

    /** The contract's settings over {@code properties} over the defaults; the timeouts derived from {@code timeout}. */
    static Map<String, Object> producerSettings(KafkaEndpoint endpoint, KafkaProperties properties, Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, DEFAULT_CLIENT_ID);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(DEFAULT_LINGER_MS));
        settings.putAll(properties.settings());
        long budget = timeout.toMillis();
        long linger = lingerMs(settings.get(ProducerConfig.LINGER_MS_CONFIG));
        if (linger >= budget) {
            throw new IllegalArgumentException("linger.ms (" + linger + " ms) must be shorter than ORDERS_DATAPLATFORM_TIMEOUT ("
                    + budget + " ms)");
        }
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServersConfig());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // the other half of the budget is left for telling a missing topic from an unreachable broker
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, budget / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, budget));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, budget - linger));
        return settings;
    }

    @Override
    public List<Delivery> deliver(List<PublishedEvent> events) {
        if (producerBroken) {
            replaceProducer();
        }
        Producer<byte[], byte[]> sending = producer;
        return SendWindow.deliver(events, maxInFlight, tracing.around("kafka", endpoint.topic(),
                (event, traceparent) -> send(sending, event, traceparent)));
    }

    /**
     * A producer in a fatal state answers every later record with the same error, even once an operator has fixed its
     * cause (a missing ACL, say); a new one starts clean. What the old one still held was answered retry already.
     */
    private synchronized void replaceProducer() {
        producer.close(Duration.ZERO);
        producer = producers.apply(settings);
        producerBroken = false;
    }

    private CompletableFuture<Delivery> send(Producer<byte[], byte[]> sending, PublishedEvent event, Optional<String> traceparent) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread relay = Thread.currentThread();
        CompletableFuture<Delivery> answer = new CompletableFuture<>();
        try {
            sending.send(record(event, traceparent), (metadata, failure) -> answer.complete(failure == null ? DELIVERED
                    // called on the relay's own thread only from inside send(): the record was never queued
                    : Thread.currentThread() == relay ? refusedAtOnce(failure, deadline) : answerTo(failure)));
        } catch (KafkaException broken) {
            if (!(broken instanceof ApiException)) {
                // not an answer about the record: the producer itself can no longer send
                producerBroken = true;
            }
            return CompletableFuture.completedFuture(new Delivery.Retry(SendWindow.describe(broken)));
        }
        return answer.completeOnTimeout(new Delivery.Retry("TimeoutException: no acknowledgement from Kafka within "
                + timeout.toMillis() + " ms"), millisLeft(deadline), TimeUnit.MILLISECONDS);
    }

    private ProducerRecord<byte[], byte[]> record(PublishedEvent event, Optional<String> traceparent) {
        List<Header> headers = new ArrayList<>(3);
        headers.add(new RecordHeader("eventId", utf8(Long.toString(event.eventId()))));
        headers.add(new RecordHeader("type", utf8(event.type().name())));
        traceparent.ifPresent(context -> headers.add(new RecordHeader(DeliveryTracing.TRACEPARENT, utf8(context))));
        return new ProducerRecord<>(endpoint.topic(), null, utf8(Long.toString(event.orderId())), utf8(event.body()), headers);
    }

    private Delivery answerTo(Exception failure) {
        if (breaksTheProducer(failure)) {
            producerBroken = true;
        }
        return classify(failure);
    }

    /** The errors after which Kafka's idempotent producer stays in a fatal state. */
    static boolean breaksTheProducer(Exception failure) {
        return failure instanceof ClusterAuthorizationException || failure instanceof ProducerFencedException
                || failure instanceof UnsupportedVersionException;
    }

    static Delivery classify(Exception failure) {
        if (failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException) {
            return new Delivery.Poison(0, SendWindow.describe(failure));
        }
        return new Delivery.Retry(SendWindow.describe(failure));
    }

    /** A record send() did not queue: its metadata did not come in time (or no buffer space), or it was refused. */
    private Delivery refusedAtOnce(Exception failure, long deadline) {
        return failure instanceof TimeoutException ? new Delivery.Retry(whyNoMetadata(failure, deadline)) : answerTo(failure);
    }

    /** Asks the brokers about the topic within what is left of the send's time: missing, unreachable, or else. */
    private String whyNoMetadata(Exception waited, long deadline) {
        String kafkaSaid = SendWindow.describe(waited);
        long left = Math.max(1, millisLeft(deadline));
        try {
            lookup().describeTopics(List.of(endpoint.topic()), new DescribeTopicsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, left)))
                    .allTopicNames().get(left, TimeUnit.MILLISECONDS);
            return kafkaSaid;
        } catch (ExecutionException lookedUp) {
            return switch (lookedUp.getCause()) {
                case UnknownTopicOrPartitionException missing -> "topic " + endpoint.topic() + " does not exist on the broker ("
                        + endpoint.bootstrapServersConfig() + ", which does not create topics on the fly): create it";
                case TimeoutException unanswered -> unreachable(kafkaSaid);
                case null -> kafkaSaid;
                case Throwable other -> kafkaSaid + "; looking the topic up: " + SendWindow.describe(other);
            };
        } catch (java.util.concurrent.TimeoutException unanswered) {
            return unreachable(kafkaSaid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kafkaSaid;
        }
    }

    private String unreachable(String kafkaSaid) {
        return "no Kafka broker answers at " + endpoint.bootstrapServersConfig() + " (" + kafkaSaid + ")";
    }

    private synchronized Admin lookup() {
        if (lookup == null) {
            Map<String, Object> admin = new HashMap<>();
            // the same connection settings (TLS, SASL…) as the producer, without the producer-only ones
            settings.forEach((name, value) -> {
                if (AdminClientConfig.configNames().contains(name)) {
                    admin.put(name, value);
                }
            });
            admin.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.get(ProducerConfig.CLIENT_ID_CONFIG) + "-lookup");
            admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            lookup = Admin.create(admin);
        }
        return lookup;
    }

    /** Sends what the producer still holds (within the timeout) and closes it. */
    @Override
    public synchronized void close() {
        producer.close(timeout);
        if (lookup != null) {
            lookup.close(timeout);
        }
    }

    private static long lingerMs(Object value) {
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("linger.ms must be a number of milliseconds, got '" + value + "'");
        }
    }

    private static long millisLeft(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
