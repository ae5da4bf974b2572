package dev.orderengine.bootstrap;

import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import java.util.List;
import java.util.Optional;

/** A few users with money, products with stock and a coupon campaign, so a new user can place an order at once. */
final class DemoData {

    private DemoData() {
    }

    /** Loads the demo data unless the catalogue already has a product; returns whether it loaded anything. */
    static boolean loadIfEmpty(OrderEngine engine) {
        if (engine.products().page(new PageRequest(0, 1)).total() > 0) {
            return false;
        }
        for (String name : List.of("Alice", "Bob", "Chloe")) {
            User user = engine.users().registerUser().register(new RegisterUserCommand(name));
            engine.users().chargeBalance().charge(new ChargeBalanceCommand(user.id(), Money.of(100_000), Optional.<IdempotencyKey>empty()));
        }
        engine.products().list(new ListProductCommand("Espresso beans 1kg", "Dark roast, whole beans", Money.of(15_000), 100));
        engine.products().list(new ListProductCommand("Pour-over kettle", "Gooseneck, 1 litre", Money.of(32_000), 30));
        engine.products().list(new ListProductCommand("Paper filters", "100 pieces", Money.of(4_500), 500));
        engine.products().list(new ListProductCommand("Burr grinder", null, Money.of(89_000), 10));
        engine.products().list(new ListProductCommand("Ceramic cup", "Limited edition", Money.of(12_000), 3));
        engine.coupons().open(new OpenCouponSourceCommand("Welcome 3,000 off", Money.of(3_000), 1_000, 30));
        return true;
    }
}
