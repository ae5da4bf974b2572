package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.post;

import dev.orderengine.adapter.in.rest.Requests.CreateCouponSource;
import dev.orderengine.adapter.in.rest.Requests.IssueCoupon;
import dev.orderengine.adapter.in.rest.Responses.CouponBody;
import dev.orderengine.adapter.in.rest.Responses.CouponSourceBody;
import dev.orderengine.application.coupon.CouponUseCases;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.UserId;
import io.javalin.http.Context;
import java.util.List;

/** Coupon campaigns and the coupons they issue. */
final class CouponRoutes {

    private final CouponUseCases coupons;
    private final Http http;

    CouponRoutes(CouponUseCases coupons, Http http) {
        this.coupons = coupons;
        this.http = http;
    }

    List<Route> routes() {
        return List.of(
                post("/api/v1/coupon-sources", this::open).adminOnly(),
                post("/api/v1/coupon-sources/{id}/issues", this::issue));
    }

    private void open(Context ctx) {
        CreateCouponSource body = http.body(ctx, CreateCouponSource.class);
        var command = new OpenCouponSourceCommand(body.name(), Money.of(body.discountAmount(), "discountAmount"),
                body.totalQuantity(), body.validDays());
        http.respond(ctx, 201, CouponSourceBody.of(coupons.open(command)));
    }

    private void issue(Context ctx) {
        CouponSourceId sourceId = new CouponSourceId(Http.pathId(ctx, "id"));
        IssueCoupon body = http.body(ctx, IssueCoupon.class);
        http.respond(ctx, 201, CouponBody.of(coupons.issue(new IssueCouponCommand(sourceId, new UserId(body.userId())))));
    }
}
