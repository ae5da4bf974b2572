package dev.orderengine.domain.shared;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void returns_the_text_trimmed() {
        assertThat(Text.required("  Blue mug \t", "name", 100)).isEqualTo("Blue mug");
    }

    @Test
    void refuses_a_missing_text() {
        assertInvalid(() -> Text.required(null, "name", 100), "name");
    }

    @Test
    void refuses_an_empty_or_blank_text() {
        assertInvalid(() -> Text.required("", "name", 100), "name");
        assertInvalid(() -> Text.required(" \t\n ", "description", 100), "description");
    }

    @Test
    void counts_the_length_after_trimming() {
        String hundred = "x".repeat(100);

        assertThat(Text.required("  " + hundred + "  ", "name", 100)).isEqualTo(hundred);
    }

    @Test
    void refuses_a_text_longer_than_the_maximum() {
        assertInvalid(() -> Text.required("x".repeat(101), "name", 100), "name");
    }

    @Test
    void refuses_control_characters_inside_the_text() {
        assertInvalid(() -> Text.required("Blue\nmug", "name", 100), "name");
        assertInvalid(() -> Text.required("Blue\u0000mug", "name", 100), "name");
        assertInvalid(() -> Text.required("Blue\tmug", "name", 100), "name");
    }
}
