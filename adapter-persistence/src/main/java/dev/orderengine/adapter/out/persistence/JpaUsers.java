package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.Users;
import java.util.Optional;

final class JpaUsers implements Users {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaUsers(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "users_seq");
    }

    @Override
    public UserId nextId() {
        return new UserId(ids.next());
    }

    @Override
    public void add(User user) {
        scope.run(session -> session.persist(UserMapper.toEntity(user)));
    }

    @Override
    public Optional<User> findById(UserId id) {
        return scope.call(session -> Entities.find(session, UserJpaEntity.class, id.value()).map(UserMapper::toDomain));
    }
}
