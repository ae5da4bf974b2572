package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;
import static dev.orderengine.adapter.in.rest.Route.post;

import dev.orderengine.adapter.in.rest.Requests.ChargeBalance;
import dev.orderengine.adapter.in.rest.Requests.CreateUser;
import dev.orderengine.adapter.in.rest.Responses.BalanceBody;
import dev.orderengine.adapter.in.rest.Responses.BalanceChangeBody;
import dev.orderengine.adapter.in.rest.Responses.CouponBody;
import dev.orderengine.adapter.in.rest.Responses.PageBody;
import dev.orderengine.adapter.in.rest.Responses.UserBody;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.application.user.UserUseCases;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import io.javalin.http.Context;
import java.util.List;

/** Users, their balance and its history, and their coupons. */
final class UserRoutes {

    private final UserUseCases users;
    private final Http http;

    UserRoutes(UserUseCases users, Http http) {
        this.users = users;
        this.http = http;
    }

    List<Route> routes() {
        return List.of(
                post("/api/v1/users", this::register),
                get("/api/v1/users/{id}", ctx -> http.respond(ctx, 200, UserBody.of(users.queries().user(userId(ctx))))),
                get("/api/v1/users/{id}/balance", ctx -> http.respond(ctx, 200, BalanceBody.of(users.queries().balance(userId(ctx))))),
                post("/api/v1/users/{id}/balance/charges", this::charge),
                get("/api/v1/users/{id}/balance/history", ctx -> http.respond(ctx, 200,
                        PageBody.of(users.queries().balanceHistory(userId(ctx), Http.pageRequest(ctx)), BalanceChangeBody::of))),
                get("/api/v1/users/{id}/coupons", ctx -> http.respond(ctx, 200,
                        PageBody.of(users.queries().coupons(userId(ctx), Http.pageRequest(ctx)), CouponBody::of))));
    }

    private void register(Context ctx) {
        CreateUser body = http.body(ctx, CreateUser.class);
        User user = users.registerUser().register(new RegisterUserCommand(body.name()));
        ctx.header("Location", "/api/v1/users/" + user.id());
        http.respond(ctx, 201, UserBody.of(user));
    }

    private void charge(Context ctx) {
        UserId userId = userId(ctx);
        ChargeBalance body = http.body(ctx, ChargeBalance.class);
        var command = new ChargeBalanceCommand(userId, Money.of(body.amount(), "amount"),
                Http.idempotencyKey(ctx).map(key -> new IdempotencyKey(userId, key)));
        http.respond(ctx, 200, BalanceBody.of(users.chargeBalance().charge(command)));
    }

    private static UserId userId(Context ctx) {
        return new UserId(Http.pathId(ctx, "id"));
    }
}
