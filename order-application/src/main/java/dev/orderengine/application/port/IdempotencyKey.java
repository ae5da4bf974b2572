package dev.orderengine.application.port;

import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.user.UserId;
import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} (1 to 255 printable ASCII characters), scoped to the user who sent it.
 */
public record IdempotencyKey(UserId userId, String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(userId, "userId");
        checkValue(value);
    }

    /** Refuses with {@code VALIDATION_FAILED} unless {@code value} may be a key: for a request whose user is known later. */
    public static String checkValue(String value) {
        InvalidInputException.require(value != null && !value.isEmpty() && value.length() <= MAX_LENGTH,
                "Idempotency-Key", "must be 1 to " + MAX_LENGTH + " characters");
        InvalidInputException.require(value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e),
                "Idempotency-Key", "must be printable ASCII");
        return value;
    }
}
