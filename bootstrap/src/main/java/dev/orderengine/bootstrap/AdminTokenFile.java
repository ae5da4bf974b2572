package dev.orderengine.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a non-POSIX file system keeps its default permissions
            }
            Files.writeString(file, token + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file, e);
        }
        return new Generated(token, true);
    }

    record Generated(String token, boolean generated) {
    }
}
