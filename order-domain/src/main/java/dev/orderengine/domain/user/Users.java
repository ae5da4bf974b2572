package dev.orderengine.domain.user;

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
}
