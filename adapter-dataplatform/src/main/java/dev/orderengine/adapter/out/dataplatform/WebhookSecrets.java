package dev.orderengine.adapter.out.dataplatform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signing secrets of {@code ORDERS_DATAPLATFORM_SECRET} (SPEC §3): one or more space-separated
 * {@code whsec_<base64>}, the key being the base64-decoded bytes after {@code whsec_}, 24 to 64 bytes as the Standard
 * Webhooks specification requires. Several secrets during a rotation: each delivery is then signed with every one,
 * so a receiver that knows either accepts it. Neither {@link #toString()} nor an error message ever shows a key.
 */
public final class WebhookSecrets {

    /** Deliveries unsigned: {@code ORDERS_DATAPLATFORM_SECRET} unset. */
    public static final WebhookSecrets NONE = new WebhookSecrets(List.of());

    static final String PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    private final List<SecretKeySpec> keys;

    private WebhookSecrets(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Reads one or more space-separated {@code whsec_<base64>}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the malformed secret by its place, not its value
     */
    public static WebhookSecrets parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no secret: expected one or more space-separated whsec_<base64>");
        }
        String[] secrets = value.strip().split("\\s+");
        List<SecretKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < secrets.length; i++) {
            keys.add(new SecretKeySpec(key(secrets[i], "secret " + (i + 1) + " of " + secrets.length), HMAC));
        }
        return new WebhookSecrets(keys);
    }

    private static byte[] key(String secret, String which) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException(which + " does not start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(which + " is not base64 after " + PREFIX);
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(which + " has a " + key.length + "-byte key: Standard Webhooks keys have "
                    + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** Whether deliveries are signed at all. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} for each secret, in
     * the configured order, space-separated.
     */
    String signature(String id, long timestamp, byte[] body) {
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner signatures = new StringJoiner(" ");
        for (SecretKeySpec key : keys) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(key, signed, body)));
        }
        return signatures.toString();
    }

    private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            // a Mac holds state: one per signature keeps concurrent sends apart
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + HMAC, e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + keys.size() + (keys.size() == 1 ? " secret]" : " secrets]");
    }
}
