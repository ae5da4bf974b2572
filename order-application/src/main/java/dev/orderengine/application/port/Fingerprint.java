package dev.orderengine.application.port;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a request's canonical form, to tell a repeat of a request from another request under the same key. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** Hashes the operation name and the request's canonical text (a command record's {@code toString()}). */
    public static String of(String operation, Object canonicalRequest) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((operation + '\n' + canonicalRequest).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
