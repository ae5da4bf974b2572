package dev.orderengine.domain.user;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;

/** A customer of the shop. */
public final class User {

    public static final int MAX_NAME_LENGTH = 100;

    private final UserId id;
    private final String name;
    private final UserStatus status;
    private final Instant createdAt;

    private User(UserId id, String name, UserStatus status, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new, active user. */
    public static User register(UserId id, String name, Instant now) {
        return new User(id, Text.required(name, "name", MAX_NAME_LENGTH), UserStatus.ACTIVE, now);
    }

    /** Rebuilds a stored user; for storage mappers only. */
    public static User restore(UserId id, String name, UserStatus status, Instant createdAt) {
        return new User(id, name, status, createdAt);
    }

    /** Refuses with {@code USER_INACTIVE} unless this user may order and pay. */
    public void ensureActive() {
        if (status != UserStatus.ACTIVE) {
            throw new RejectedException(ErrorCode.USER_INACTIVE, "user " + id + " is " + status);
        }
    }

    public UserId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UserStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
