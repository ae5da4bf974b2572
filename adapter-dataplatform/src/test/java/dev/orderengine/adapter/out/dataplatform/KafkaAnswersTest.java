package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.relay.Delivery;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each answer of Kafka means for an event, and for the producer; the broker's side is stood in for. */
class KafkaAnswersTest {

    private static final KafkaEndpoint ENDPOINT = KafkaEndpoint.parse("kafka://127.0.0.1:9092/orders");

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(new RecordTooLargeException("The message is 5100 bytes when serialized"), Delivery.Poison.class),
                Arguments.of(new RecordBatchTooLargeException("batch too large"), Delivery.Poison.class),
                Arguments.of(new InvalidRecordException("compacted topic needs a key"), Delivery.Poison.class),
                Arguments.of(new NotEnoughReplicasException("2 in sync, 3 needed"), Delivery.Retry.class),
                Arguments.of(new NetworkException("Disconnected from node 1"), Delivery.Retry.class),
                Arguments.of(new TimeoutException("Expiring 3 record(s)"), Delivery.Retry.class),
                Arguments.of(new TopicAuthorizationException(Set.of("orders")), Delivery.Retry.class),
                Arguments.of(new ClusterAuthorizationException("Cluster authorization failed."), Delivery.Retry.class),
                Arguments.of(new SaslAuthenticationException("Authentication failed: invalid credentials"), Delivery.Retry.class));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void only_a_record_refused_for_good_is_poison_and_everything_else_is_retried(RuntimeException answer,
                                                                                 Class<? extends Delivery> meaning) {
        Delivery delivery = KafkaDataPlatform.classify(answer);

        assertThat(delivery).isInstanceOf(meaning);
        String described = answer.getClass().getSimpleName() + ": " + answer.getMessage();
        assertThat(delivery).isIn(new Delivery.Poison(0, described), new Delivery.Retry(described));
    }

    @Test
    void a_producer_left_unable_to_send_by_an_authorization_error_is_replaced_before_the_next_batch() {
        AnsweringProducer denied = new AnsweringProducer(new ClusterAuthorizationException("Cluster authorization failed."));
        AnsweringProducer allowed = new AnsweringProducer(null);
        Iterator<AnsweringProducer> made = List.of(denied, allowed).iterator();
        try (KafkaDataPlatform platform = new KafkaDataPlatform(ENDPOINT, KafkaProperties.NONE, Duration.ofSeconds(2), 4,
                settings -> made.next())) {

            List<Delivery> refused = platform.deliver(Events.numbered(1, 3));

            assertThat(refused.getFirst()).isEqualTo(new Delivery.Retry("ClusterAuthorizationException: Cluster authorization failed."));
            assertThat(refused).allMatch(Delivery.Retry.class::isInstance);
            assertThat(platform.deliver(Events.numbered(1, 3))).hasSize(3).allMatch(Delivery.Delivered.class::isInstance);
            assertThat(denied.closed()).isTrue();
            assertThat(allowed.sent).hasSize(3);
        }
    }

    @Test
    void a_refusal_about_the_topic_keeps_the_producer() {
        AtomicInteger made = new AtomicInteger();
        AnsweringProducer producer = new AnsweringProducer(new TopicAuthorizationException(Set.of("orders")));
        try (KafkaDataPlatform platform = new KafkaDataPlatform(ENDPOINT, KafkaProperties.NONE, Duration.ofSeconds(2), 4,
                settings -> {
                    made.incrementAndGet();
                    return producer;
                })) {

            assertThat(platform.deliver(Events.numbered(1, 2))).allMatch(Delivery.Retry.class::isInstance);
            assertThat(platform.deliver(Events.numbered(1, 2))).allMatch(Delivery.Retry.class::isInstance);

            assertThat(made).hasValue(1);
            assertThat(producer.closed()).isFalse();
        }
    }

    /** Answers every record with {@code failure} (null: acknowledged) from another thread, as Kafka's I/O thread does. */
    private static final class AnsweringProducer extends MockProducer<byte[], byte[]> {

        final ConcurrentLinkedQueue<ProducerRecord<byte[], byte[]>> sent = new ConcurrentLinkedQueue<>();
        private final RuntimeException failure;

        AnsweringProducer(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sent.add(record);
            RecordMetadata metadata = new RecordMetadata(new TopicPartition(record.topic(), 0), sent.size(), 0, 0L, 0, 0);
            return CompletableFuture.supplyAsync(() -> {
                callback.onCompletion(metadata, failure);
                return metadata;
            });
        }
    }
}
