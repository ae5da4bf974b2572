package dev.orderengine.adapter.out.dataplatform;

import dev.orderengine.application.relay.DataPlatform;
import dev.orderengine.application.relay.Delivery;
import dev.orderengine.application.relay.PublishedEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The embedded default data platform: appends each event's stored body as one line to a file and forces it to disk
 * before reporting the batch delivered (all or nothing, so the order of the file is relay order). At least once:
 * after a crash between the write and the cursor update a line may appear twice; readers drop repeats by
 * {@code eventId}.
 */
public final class JsonlFileDataPlatform implements DataPlatform {

    private final Path file;

    public JsonlFileDataPlatform(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized List<Delivery> deliver(List<PublishedEvent> events) {
        StringBuilder lines = new StringBuilder();
        events.forEach(event -> lines.append(event.body()).append('\n'));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            return Collections.nCopies(events.size(), new Delivery.Delivered());
        } catch (IOException e) {
            return Collections.nCopies(events.size(), new Delivery.Retry("cannot write " + file + ": " + e.getMessage()));
        }
    }
}
