package dev.orderengine.adapter.in.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The bearer token of the admin routes. Never printed by {@link #toString()}. */
public final class AdminToken {

    private final byte[] digest;

    private AdminToken(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.digest = sha256(value);
    }

    public static AdminToken of(String value) {
        return new AdminToken(value);
    }

    /**
     * Whether {@code presented} is the token. Compares digests of both, so the time taken tells nothing
     * about the token's content or length.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
