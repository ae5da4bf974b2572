package dev.orderengine.domain.user;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import java.util.Optional;

/**
 * Storage of users. Implementations join the caller's current transaction; they never return null.
 * Failures of the storage itself surface as unchecked exceptions that are not {@code DomainException}s.
 */
public interface Users {

    /** A fresh identity for a user about to be registered; never handed out twice. */
    UserId nextId();

    /** Stores a newly registered user. */
    void add(User user);

    Optional<User> findById(UserId id);

    /** The user, or {@code USER_NOT_FOUND}. */
    default User require(UserId id) {
        return findById(id).orElseThrow(() -> new NotFoundException(ErrorCode.USER_NOT_FOUND, "user " + id + " does not exist"));
    }
}
