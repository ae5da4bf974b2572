package dev.orderengine.domain.shared;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void first_page_starts_at_offset_zero() {
        assertThat(new PageRequest(0, 20).offset()).isZero();
    }

    @Test
    void offset_is_page_times_size() {
        assertThat(new PageRequest(3, 20).offset()).isEqualTo(60);
    }

    @Test
    void offset_of_a_far_page_does_not_overflow_an_int() {
        assertThat(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE).offset()).isEqualTo(214_748_364_700L);
    }

    @Test
    void refuses_a_negative_page() {
        assertInvalid(() -> new PageRequest(-1, 20), "page");
    }

    @Test
    void accepts_sizes_from_one_to_the_maximum() {
        assertThat(new PageRequest(0, 1).size()).isEqualTo(1);
        assertThat(new PageRequest(0, PageRequest.MAX_SIZE).size()).isEqualTo(100);
    }

    @Test
    void refuses_an_empty_page_size() {
        assertInvalid(() -> new PageRequest(0, 0), "size");
    }

    @Test
    void refuses_a_page_size_above_the_maximum() {
        assertInvalid(() -> new PageRequest(0, PageRequest.MAX_SIZE + 1), "size");
    }

    @Test
    void page_maps_its_items_and_keeps_its_position() {
        Page<Integer> page = new Page<>(List.of(1, 2, 3), 2, 3, 11);

        assertThat(page.map(i -> "#" + i)).isEqualTo(new Page<>(List.of("#1", "#2", "#3"), 2, 3, 11));
    }

    @Test
    void page_keeps_its_own_unmodifiable_copy_of_the_items() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, 0, 10, 1);
        items.add("b");

        assertThat(page.items()).containsExactly("a");
        assertThatThrownBy(() -> page.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
