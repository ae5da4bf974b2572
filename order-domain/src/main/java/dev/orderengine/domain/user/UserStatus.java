package dev.orderengine.domain.user;

/** Whether a user may place and pay orders. */
public enum UserStatus {
    /** May order and pay. */
    ACTIVE,
    /** Suspended or closed: every order or payment is refused with {@code USER_INACTIVE}. */
    INACTIVE
}
