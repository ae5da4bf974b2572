package dev.orderengine.application.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.order.OrderEventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A receiver's answer is kept as text any storage takes, whatever bytes it sent. */
class DeadLetterTest {

    @Test
    void escapes_nul_and_other_control_characters_but_keeps_tabs_and_line_breaks() {
        assertThat(letter("bad\u0000request\u0007\tline\r\nend").response()).isEqualTo("bad\\u0000request\\u0007\tline\r\nend");
    }

    @Test
    void replaces_unpaired_surrogates_and_keeps_pairs() {
        assertThat(letter("a\uD800b\uDC00c\uD83D\uDE00").response()).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
    }

    @Test
    void keeps_at_most_the_first_2000_characters() {
        assertThat(letter("x".repeat(5_000)).response()).hasSize(DeadLetter.MAX_RESPONSE_LENGTH);
        assertThat(letter("\u0000".repeat(1_000)).response()).hasSize(DeadLetter.MAX_RESPONSE_LENGTH).startsWith("\\u0000\\u0000");
    }

    private static DeadLetter letter(String response) {
        return new DeadLetter("dataplatform", 1, 2, OrderEventType.ORDER_COMPLETED, "{}", 400, response, Instant.EPOCH);
    }
}
