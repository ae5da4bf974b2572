package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.Races.race;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.Races.Race;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.order.RefundOrderCommand;
import dev.orderengine.application.order.RefundView;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.relay.RecordSalesStatistics;
import dev.orderengine.application.relay.RelayPorts;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds under real concurrency (SPEC §2.1): against each other on one order, against new orders of the same products
 * and one user's balance, and against the sales-statistics consumer. The database is checked with SQL afterwards; each
 * test prints one line of figures.
 */
abstract class RefundRaceContractTest extends StorageContract {

    private OrderEngine engine;

    @BeforeEach
    void startEngine() {
        engine = new OrderEngine(adapter().ports(), Clock.systemUTC(), Duration.ofMinutes(15));
    }

    @Test
    void concurrent_refunds_of_one_order_never_refund_a_unit_twice_nor_more_money_than_was_paid() throws Exception {
        UserId ada = customer(100_000);
        ProductId pen = product("19.99", 100);
        ProductId ink = product("7.45", 100);
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("Race", Money.of(10), 10, 7));
        CouponId coupon = engine.coupons().issue(new IssueCouponCommand(source.id(), ada)).coupon().id();
        Order order = engine.orders().placeOrder().place(new PlaceOrderCommand(ada, List.of(new OrderItem(pen, 6), new OrderItem(ink, 4)),
                Optional.of(coupon), Optional.empty())).order();
        Money paid = order.totalAmount();

        // every fifth attempt asks for everything left, the others for one unit of one line
        Race<RefundView> race = race(30, 16, i -> engine.orders().refundOrder().refund(new RefundOrderCommand(order.id(),
                i % 5 == 4 ? Optional.empty() : Optional.of(List.of(new RefundLine(i % 2 == 0 ? pen : ink, 1))),
                Optional.of("race " + i), true, Optional.empty())));

        Order refunded = engine.orders().queries().order(order.id()).order();
        long refundedUnits = db().queryLong("SELECT SUM(l.quantity) FROM order_refund_lines l JOIN order_refunds r ON r.id = l.refund_id "
                + "WHERE r.order_id = ?", order.id().value());
        Money returned = money("SELECT SUM(amount) FROM order_refunds WHERE order_id = ?", order.id().value());
        Money restored = money("SELECT SUM(amount) FROM balance_history WHERE user_id = ? AND type = 'RESTORE'", ada.value());
        race.report(db(), "30 refunds of one order of 10 units", "units refunded=" + refundedUnits + " returned=" + returned + " of " + paid);
        assertThat(race.refusals()).extracting(DomainException::code)
                .allSatisfy(code -> assertThat(code).isIn(ErrorCode.REFUND_EXCEEDS_ORDER, ErrorCode.ORDER_NOT_REFUNDABLE));
        assertThat(race.successes()).as("refunds made").isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(refundedUnits).isEqualTo(10);
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.refunds()).hasSize(race.successes().size());
        assertThat(returned).isEqualTo(paid).isEqualTo(restored).isEqualTo(refunded.refundedAmount());
        assertThat(engine.users().queries().balance(ada).amount()).isEqualTo(Money.of(100_000));
        assertThat(stockOf(pen)).isEqualTo(100);
        assertThat(stockOf(ink)).isEqualTo(100);
        assertThat(db().queryLong("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND type = 'ORDER_REFUNDED'", order.id().value()))
                .isEqualTo(race.successes().size());
        assertThat(db().queryValue("SELECT used_order_id FROM coupons WHERE id = ?", coupon.value())).as("the coupon is free again").isEmpty();
    }

    @Test
    void refunds_and_new_orders_of_the_same_product_keep_its_stock_exact() throws Exception {
        ProductId pen = product("1000", 60);
        UserId buyer = customer(10_000_000);
        List<OrderId> paid = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            paid.add(place(buyer, List.of(new OrderItem(pen, 1))).order().id());
        }

        // 40 refunds of one unit each and 80 new orders of one unit, all at once: 20 units left plus what comes back
        Race<Object> race = race(120, 24, i -> i % 3 == 0
                ? engine.orders().refundOrder().refund(new RefundOrderCommand(paid.get(i / 3), Optional.empty(), Optional.empty(), true,
                        Optional.empty()))
                : place(buyer, List.of(new OrderItem(pen, 1))));

        long stock = stockOf(pen);
        long refunds = race.successes().stream().filter(RefundView.class::isInstance).count();
        long placed = race.successes().stream().filter(OrderView.class::isInstance).count();
        long held = db().queryLong("SELECT COALESCE(SUM(l.quantity - l.refunded_quantity), 0) FROM order_products l "
                + "JOIN orders o ON o.id = l.order_id WHERE l.product_id = ? AND o.status IN ('COMPLETED', 'PARTIALLY_REFUNDED')", pen.value());
        race.report(db(), "40 refunds and 80 orders of one product", "refunds=" + refunds + " placed=" + placed + " stock=" + stock);
        assertThat(race.refusals()).extracting(DomainException::code).containsOnly(ErrorCode.OUT_OF_STOCK);
        assertThat(refunds).isEqualTo(40);
        assertThat(placed).isBetween(20L, 60L);
        assertThat(stock).isEqualTo(60 - 40 + refunds - placed).isNotNegative();
        assertThat(stock + held).as("stock plus the units paid orders still hold").isEqualTo(60);
    }

    @Test
    void multi_line_refunds_and_orders_crossing_each_others_products_for_one_user_never_deadlock() throws Exception {
        List<ProductId> products = List.of(product("100", 10_000), product("200", 10_000), product("300", 10_000), product("400", 10_000));
        UserId buyer = customer(10_000_000);
        List<OrderId> paid = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            paid.add(place(buyer, shuffled(products, new Random(i))).order().id());
        }
        long retriesBefore = ((HibernateTransactions) adapter().transactions()).retries();

        // each refund names the lines in another order than the order placing it and the orders racing it
        Race<Object> race = race(96, 16, i -> {
            Random random = new Random(1_000 + i);
            if (i % 2 == 0) {
                List<RefundLine> lines = shuffled(products, random).stream().map(item -> new RefundLine(item.productId(), 1)).toList();
                return engine.orders().refundOrder().refund(new RefundOrderCommand(paid.get(i / 2), Optional.of(lines), Optional.empty(),
                        true, Optional.empty()));
            }
            return place(buyer, shuffled(products, random));
        });

        long retries = ((HibernateTransactions) adapter().transactions()).retries() - retriesBefore;
        race.report(db(), "48 refunds and 48 orders over the same 4 products of one user", "retries=" + retries);
        assertThat(race.refusals()).isEmpty();
        assertThat(retries).as("transactions retried after a deadlock or serialization failure").isZero();
        for (ProductId product : products) {
            assertThat(stockOf(product)).isEqualTo(10_000 - 48);
        }
        assertThat(engine.users().queries().balance(buyer).amount()).isEqualTo(Money.of(10_000_000 - 48 * 1_000));
    }

    @Test
    void refunds_racing_the_sales_statistics_are_counted_exactly_once() throws Exception {
        ProductId pen = product("500", 1_000);
        UserId buyer = customer(10_000_000);
        List<OrderId> paid = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            paid.add(place(buyer, List.of(new OrderItem(pen, 3))).order().id());
        }
        RelayPorts relay = adapter().relayPorts();
        RecordSalesStatistics statistics = new RecordSalesStatistics(adapter().transactions(), relay.feed(), relay.cursors(),
                relay.productSales(), 7, Clock.systemUTC());
        statistics.recordOnce();
        AtomicBoolean refunding = new AtomicBoolean(true);
        Future<Integer> counter = inThread(() -> {
            int rounds = 0;
            while (refunding.get()) {
                statistics.recordOnce();
                rounds++;
            }
            return rounds;
        });

        Race<RefundView> race = race(60, 8, i -> engine.orders().refundOrder().refund(new RefundOrderCommand(paid.get(i / 2),
                Optional.of(List.of(new RefundLine(pen, 1))), Optional.empty(), true, Optional.empty())));
        refunding.set(false);
        int rounds = counter.get(60, TimeUnit.SECONDS);
        while (statistics.recordOnce() > 0) {
            // the last refunds
        }

        long net = db().queryLong("SELECT COALESCE(SUM(quantity), 0) FROM product_sales_daily WHERE product_id = ?", pen.value());
        race.report(db(), "60 refunds while the statistics run", "statistics rounds=" + rounds + " net units=" + net);
        assertThat(race.refusals()).isEmpty();
        assertThat(net).as("90 units sold, 60 refunded").isEqualTo(30);
    }

    // --- fixtures and reads

    private UserId customer(long balance) {
        UserId user = engine.users().registerUser().register(new RegisterUserCommand("Customer")).id();
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(user, Money.of(balance), Optional.empty()));
        return user;
    }

    private ProductId product(String price, int stock) {
        return engine.products().list(new ListProductCommand("Product", null, Money.of(price), stock)).product().id();
    }

    private OrderView place(UserId buyer, List<OrderItem> items) {
        return engine.orders().placeOrder().place(new PlaceOrderCommand(buyer, items, Optional.empty(), Optional.empty()));
    }

    private static List<OrderItem> shuffled(List<ProductId> products, Random random) {
        List<ProductId> order = new ArrayList<>(products);
        Collections.shuffle(order, random);
        return order.stream().map(product -> new OrderItem(product, 1)).toList();
    }

    private long stockOf(ProductId product) {
        return engine.products().product(product).stock();
    }

    private Money money(String sql, long parameter) throws SQLException {
        return db().queryValue(sql, parameter).map(value -> new Money((BigDecimal) value)).orElse(Money.ZERO);
    }
}
