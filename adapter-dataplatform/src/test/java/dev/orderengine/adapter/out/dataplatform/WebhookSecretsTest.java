package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSecretsTest {

    private static final String FIRST = "whsec_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDE=";
    private static final String SECOND = "whsec_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDI=";
    private static final byte[] BODY = "{\"eventId\":41}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signs_like_the_published_standard_webhooks_example() {
        // the example of the Standard Webhooks / Svix documentation (secret, id, timestamp, payload, signature)
        WebhookSecrets secrets = WebhookSecrets.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(secrets.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signs_with_every_secret_of_a_rotation_in_the_configured_order() {
        WebhookSecrets rotating = WebhookSecrets.parse("  " + FIRST + " \t " + SECOND + " ");

        String first = WebhookSecrets.parse(FIRST).signature("41", 1_795_000_000, BODY);
        String second = WebhookSecrets.parse(SECOND).signature("41", 1_795_000_000, BODY);
        assertThat(first).startsWith("v1,").isNotEqualTo(second);
        assertThat(rotating.signature("41", 1_795_000_000, BODY)).isEqualTo(first + " " + second);
    }

    @Test
    void a_signature_covers_the_id_the_timestamp_and_the_body() {
        WebhookSecrets secrets = WebhookSecrets.parse(FIRST);
        String signature = secrets.signature("41", 1_795_000_000, BODY);

        assertThat(secrets.signature("42", 1_795_000_000, BODY)).isNotEqualTo(signature);
        assertThat(secrets.signature("41", 1_795_000_001, BODY)).isNotEqualTo(signature);
        assertThat(secrets.signature("41", 1_795_000_000, "{\"eventId\":42}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                          | no secret: expected one or more space-separated whsec_<base64>",
            "'   '                                       | no secret: expected one or more space-separated whsec_<base64>",
            "b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDE= | secret 1 of 1 does not start with whsec_",
            "WHSEC_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDE= | secret 1 of 1 does not start with whsec_",
            "whsec_                                      | secret 1 of 1 has a 0-byte key: Standard Webhooks keys have 24 to 64 bytes",
            "whsec_hunter2!                              | secret 1 of 1 is not base64 after whsec_",
            "whsec_eHh4eHh4eHh4eHh4eHh4eA==              | secret 1 of 1 has a 16-byte key: Standard Webhooks keys have 24 to 64 bytes",
            "whsec_eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg= | secret 1 of 1 has a 65-byte key: Standard Webhooks keys have 24 to 64 bytes",
            "whsec_b3JkZXJzLWVuZ2luZS10ZXN0LXNlY3JldC1rZXktMDE= whsec_b3Jk-_urlsafe | secret 2 of 2 is not base64 after whsec_",
    })
    void refuses_a_malformed_secret_with_a_one_line_reason_that_does_not_show_it(String value, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecrets.parse(value)).withMessage(reason);
    }

    @Test
    void takes_keys_of_24_to_64_bytes_and_unpadded_base64() {
        assertThat(WebhookSecrets.parse("whsec_eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4").isEmpty()).isFalse();
        assertThat(WebhookSecrets.parse("whsec_eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eA").isEmpty()).isFalse();
    }

    @Test
    void never_shows_a_key() {
        assertThat(WebhookSecrets.parse(FIRST + " " + SECOND)).hasToString("WebhookSecrets[2 secrets]");
        assertThat(WebhookSecrets.NONE.isEmpty()).isTrue();
    }
}
