package dev.orderengine.application.user;

/** Register a new user; the name is checked by {@link dev.orderengine.domain.user.User#register}. */
public record RegisterUserCommand(String name) {
}
