package dev.orderengine.application.user;

import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.UserId;

/** A user's balance at one moment. */
public record BalanceView(UserId userId, Money amount) {
}
