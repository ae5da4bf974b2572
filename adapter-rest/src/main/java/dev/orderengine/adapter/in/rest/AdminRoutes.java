package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;
import static dev.orderengine.adapter.in.rest.Route.post;

import dev.orderengine.adapter.in.rest.Requests.Replay;
import dev.orderengine.adapter.in.rest.Responses.RelayBody;
import dev.orderengine.application.relay.RelayAdministration;
import io.javalin.http.Context;
import java.util.List;

/** Operators' routes over the outbox consumers. */
final class AdminRoutes {

    private final RelayAdministration relays;
    private final Http http;

    AdminRoutes(RelayAdministration relays, Http http) {
        this.relays = relays;
        this.http = http;
    }

    List<Route> routes() {
        return List.of(
                get("/api/v1/admin/relays", ctx -> http.respond(ctx, 200, relays.status().stream().map(RelayBody::of).toList()))
                        .adminOnly(),
                post("/api/v1/admin/relays/{consumer}/replay", this::replay).adminOnly());
    }

    private void replay(Context ctx) {
        String consumer = ctx.pathParam("consumer");
        Replay body = http.body(ctx, Replay.class);
        relays.replay(consumer, body.fromEventId());
        ctx.status(202);
    }
}
