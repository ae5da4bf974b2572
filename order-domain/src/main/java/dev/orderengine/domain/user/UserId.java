package dev.orderengine.domain.user;

import dev.orderengine.domain.shared.InvalidInputException;

/** Identity of a {@link User}: a positive integer. */
public record UserId(long value) {

    public UserId {
        InvalidInputException.require(value > 0, "userId", "must be a positive integer");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
