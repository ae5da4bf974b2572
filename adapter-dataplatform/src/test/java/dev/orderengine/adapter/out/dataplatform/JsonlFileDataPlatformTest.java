package dev.orderengine.adapter.out.dataplatform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.relay.Delivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileDataPlatformTest {

    @TempDir
    Path dir;

    @Test
    void appends_each_stored_body_as_one_line_in_order_creating_the_folder() throws IOException {
        Path file = dir.resolve("dataplatform/order-events.jsonl");
        JsonlFileDataPlatform platform = new JsonlFileDataPlatform(file);

        assertThat(platform.deliver(Events.numbered(1, 2))).allMatch(Delivery.Delivered.class::isInstance);
        assertThat(platform.deliver(Events.numbered(3, 3))).allMatch(Delivery.Delivered.class::isInstance);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(Events.numbered(1).body(), Events.numbered(2).body(), Events.numbered(3).body());
    }

    @Test
    void asks_for_a_retry_when_the_file_cannot_be_written() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        JsonlFileDataPlatform platform = new JsonlFileDataPlatform(blocker.resolve("order-events.jsonl"));

        assertThat(platform.deliver(Events.numbered(1, 2))).hasSize(2).allMatch(Delivery.Retry.class::isInstance);
    }
}
