package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaEndpointTest {

    @Test
    void reads_the_brokers_and_the_topic() {
        KafkaEndpoint endpoint = KafkaEndpoint.parse("kafka://kafka-1.internal:9092,10.0.0.7:9093,[::1]:9094/order-events");

        assertThat(endpoint.bootstrapServers()).containsExactly("kafka-1.internal:9092", "10.0.0.7:9093", "[::1]:9094");
        assertThat(endpoint.bootstrapServersConfig()).isEqualTo("kafka-1.internal:9092,10.0.0.7:9093,[::1]:9094");
        assertThat(endpoint.topic()).isEqualTo("order-events");
        assertThat(endpoint).hasToString("kafka://kafka-1.internal:9092,10.0.0.7:9093,[::1]:9094/order-events");
    }

    @Test
    void takes_the_scheme_in_any_case_and_one_broker() {
        KafkaEndpoint endpoint = KafkaEndpoint.parse("KAFKA://localhost:9092/orders.v1_events");

        assertThat(endpoint.bootstrapServers()).containsExactly("localhost:9092");
        assertThat(endpoint.topic()).isEqualTo("orders.v1_events");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:9092/orders    | expected kafka://host:port[,host:port]/topic, got 'http://localhost:9092/orders'",
            "kafka://localhost:9092          | no topic in 'kafka://localhost:9092': expected kafka://host:port[,host:port]/topic",
            "kafka://localhost:9092/         | no topic in 'kafka://localhost:9092/': expected kafka://host:port[,host:port]/topic",
            "kafka://localhost/orders        | 'localhost' in 'kafka://localhost/orders' is not host:port",
            "kafka://:9092/orders            | ':9092' in 'kafka://:9092/orders' is not host:port",
            "kafka://a:9092,/orders          | '' in 'kafka://a:9092,/orders' is not host:port",
            "kafka://me@a:9092/orders        | 'me@a:9092' in 'kafka://me@a:9092/orders' is not host:port",
            "kafka://::1:9092/orders         | '::1:9092' in 'kafka://::1:9092/orders' is not host:port",
            "kafka://a:0/orders              | '0' in 'kafka://a:0/orders' is not a port (1 to 65535)",
            "kafka://a:65536/orders          | '65536' in 'kafka://a:65536/orders' is not a port (1 to 65535)",
            "kafka://a:90x2/orders           | '90x2' in 'kafka://a:90x2/orders' is not a port (1 to 65535)",
            "kafka://a:9092/orders/completed | 'orders/completed' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
            "kafka://a:9092/orders?x=1       | 'orders?x=1' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
            "kafka://a:9092/..               | '..' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
    })
    void refuses_anything_else_with_a_one_line_reason(String url, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaEndpoint.parse(url)).withMessage(reason);
    }

    @Test
    void refuses_a_topic_name_longer_than_kafka_allows() {
        assertThat(KafkaEndpoint.parse("kafka://a:9092/" + "t".repeat(249)).topic()).hasSize(249);
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaEndpoint.parse("kafka://a:9092/" + "t".repeat(250)))
                .withMessageContaining("is not a Kafka topic name");
    }
}
