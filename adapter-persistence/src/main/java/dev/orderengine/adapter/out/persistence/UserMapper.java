package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;

final class UserMapper {

    private UserMapper() {
    }

    static UserJpaEntity toEntity(User user) {
        return new UserJpaEntity(user.id().value(), user.name(), user.status(), user.createdAt());
    }

    static User toDomain(UserJpaEntity entity) {
        return User.restore(new UserId(entity.id), entity.name, entity.status, entity.createdAt);
    }
}
