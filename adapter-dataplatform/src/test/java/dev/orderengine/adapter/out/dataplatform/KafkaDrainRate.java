package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.adapter.out.dataplatform.testing.KafkaBroker;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The Kafka drain rate, for the benchmark notes: events of the contract's size through {@link KafkaDataPlatform} to a
 * real broker ({@link KafkaBroker}, one partition per core), in relay batches of 500 with the relay's window of 16,
 * once on a fresh JVM and once warm (with the producer settings of a properties file, if one is given); prints events/s of each run and checks that the topic holds every event.
 * Not a test (a figure, not a verdict); run it from the module folder, on an otherwise idle machine:
 *
 * <pre>
 * ../mvnw -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) dev.orderengine.adapter.out.dataplatform.KafkaDrainRate [events [kafka.properties]]
 * </pre>
 */
public final class KafkaDrainRate {

    private static final int BATCH = 500;
    private static final int WINDOW = 16;
    private static final String TOPIC = "order-events";

    private KafkaDrainRate() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        KafkaProperties properties = args.length > 1 ? KafkaProperties.load(Path.of(args[1])) : KafkaProperties.NONE;
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic(TOPIC, 2);
            try (KafkaDataPlatform platform = new KafkaDataPlatform(KafkaEndpoint.parse(broker.url(TOPIC)), properties,
                    Duration.ofSeconds(5), WINDOW)) {
                report("cold", drain(platform, 1, events), events);
                report("warm", drain(platform, events + 1, 2L * events), events);
            }
            int stored = broker.records(TOPIC).size();
            System.out.printf("topic %s holds %d records (expected %d)%n", TOPIC, stored, 2 * events);
            if (stored != 2 * events) {
                throw new IllegalStateException("records missing or repeated");
            }
        }
    }

    /** Relays events {@code first..last} as the relay does, a batch at a time; returns the nanoseconds it took. */
    private static long drain(KafkaDataPlatform platform, long first, long last) {
        long started = System.nanoTime();
        for (long from = first; from <= last; from += BATCH) {
            List<PublishedEvent> batch = LongStream.rangeClosed(from, Math.min(last, from + BATCH - 1)).mapToObj(KafkaDrainRate::event).toList();
            List<Delivery> results = platform.deliver(batch);
            if (!results.stream().allMatch(Delivery.Delivered.class::isInstance)) {
                throw new IllegalStateException("not delivered: " + results.stream().filter(r -> !(r instanceof Delivery.Delivered)).findFirst());
            }
        }
        return System.nanoTime() - started;
    }

    /** An event the size of the contract's example, one order each (completions, mostly, in a real drain). */
    private static PublishedEvent event(long eventId) {
        return Events.withBody(eventId, eventId, Events.CONTRACT_BODY.replace("\"eventId\":41", "\"eventId\":" + eventId)
                .replace("\"orderId\":7", "\"orderId\":" + eventId));
    }

    private static void report(String run, long nanos, int events) {
        System.out.printf("%s: %d events in %d ms = %.0f events/s (batches of %d, window %d)%n", run, events, nanos / 1_000_000,
                events * 1e9 / nanos, BATCH, WINDOW);
    }
}
