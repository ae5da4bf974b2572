package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void a_generated_token_replaces_an_old_world_readable_file_by_one_only_its_owner_reads_and_leaves_nothing_else() throws Exception {
        Path file = dir.resolve("data/admin.token");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AdminTokenFile.Generated generated = AdminTokenFile.resolve(Optional.empty(), file);

        assertThat(generated.generated()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(generated.token() + System.lineSeparator()).doesNotContain("old-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_configured_token_is_used_and_written_nowhere() {
        Path file = dir.resolve("admin.token");

        AdminTokenFile.Generated configured = AdminTokenFile.resolve(Optional.of("configured-admin-token"), file);

        assertThat(configured).isEqualTo(new AdminTokenFile.Generated("configured-admin-token", false));
        assertThat(file).doesNotExist();
    }
}
