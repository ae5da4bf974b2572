package dev.orderengine.application.inmemory;

import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Users} in memory. {@link User} is immutable, so rows are the users themselves. */
final class InMemoryUsers implements Users {

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final Table<UserId, User> users;

    InMemoryUsers(TransactionScope scope) {
        this.scope = scope;
        this.users = new Table<>(scope, new HashMap<>());
    }

    @Override
    public UserId nextId() {
        scope.checkOpen();
        return new UserId(ids.incrementAndGet());
    }

    @Override
    public void add(User user) {
        users.insert(user.id(), user, "user");
    }

    @Override
    public Optional<User> findById(UserId id) {
        return users.find(id);
    }
}
