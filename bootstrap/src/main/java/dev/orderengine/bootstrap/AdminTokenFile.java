package dev.orderengine.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The bearer token of the admin routes: configured, or generated at start and written to a file only the owner reads. */
final class AdminTokenFile {

    private AdminTokenFile() {
    }

    /** The configured token, or a new random one written to {@code file}; the boolean says whether it was generated. */
    static Generated resolve(Optional<String> configured, Path file) {
        if (configured.isPresent()) {
            return new Generated(configured.get(), false);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            // created with its permissions (not chmod'ed after, when the umask had already let others read it), then
            // moved into place at once: no reader ever sees the token readable by others, half written, or missing
            Path written = Files.writeString(createOwnerOnly(directory), token + System.lineSeparator());
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file, e);
        }
        return new Generated(token, true);
    }

    private static Path createOwnerOnly(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, ".admin.token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, ".admin.token", ".tmp"); // a non-POSIX file system keeps its defaults
        }
    }

    record Generated(String token, boolean generated) {
    }
}
