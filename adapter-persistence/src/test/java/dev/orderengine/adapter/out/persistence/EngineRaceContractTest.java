package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.Races.race;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.adapter.out.persistence.Races.Race;
import dev.orderengine.adapter.out.persistence.testing.TestDatabase;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.order.CancelOrderCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.user.BalanceView;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order flow's promises under real concurrency (SPEC §2): many threads call the use cases at once through
 * {@link OrderEngine} over this adapter, and the database state is checked afterwards with SQL. Each test prints
 * one line of figures.
 */
abstract class EngineRaceContractTest extends StorageContract {

    private OrderEngine engine;

    @BeforeEach
    void startEngine() {
        engine = new OrderEngine(adapter().ports(), Clock.systemUTC(), Duration.ofMinutes(15));
    }

    @Test
    void two_hundred_orders_for_fifty_units_sell_exactly_fifty_and_the_refused_hold_nothing() throws Exception {
        Product product = fixtures().product(1_000, 50);
        List<User> customers = customers(200, 10_000);

        Race<OrderView> race = race(200, 32, i -> place(customers.get(i), product, 1, Optional.empty()));

        Map<String, Long> statuses = orderStatusesOf(product);
        long stock = stockOf(product);
        long balances = balancesOf(customers);
        race.report(db(), "200 orders for a stock of 50", "stock=" + stock + " balances=" + balances);
        assertThat(race.successes()).hasSize(50).allSatisfy(view -> assertThat(view.order().status()).isEqualTo(OrderStatus.COMPLETED));
        assertThat(race.refusals()).hasSize(150).allSatisfy(refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.OUT_OF_STOCK);
            assertThat(refusal.orderId()).isEmpty();
        });
        assertThat(stock).isZero();
        assertThat(statuses).as("orders of the product by status").containsExactly(Map.entry("COMPLETED", 50L));
        assertThat(paymentsOf(product)).as("payments by status").containsExactly(Map.entry("SUCCEEDED", 50L));
        assertThat(balances).isEqualTo(200 * 10_000L - 50 * 1_000L);
    }

    @Test
    void twenty_orders_paid_with_one_coupon_use_it_once_and_the_others_stay_allocated_with_a_failed_payment() throws Exception {
        User owner = customers(1, 100_000).getFirst();
        Product product = fixtures().product(1_000, 100);
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("Race", Money.of(300), 10, 7));
        CouponId coupon = engine.coupons().issue(new IssueCouponCommand(source.id(), owner.id())).coupon().id();

        Race<OrderView> race = race(20, 20, i -> place(owner, product, 1, Optional.of(coupon)));

        Money balance = balanceOf(owner);
        race.report(db(), "20 orders with one coupon", "stock=" + stockOf(product) + " balance=" + balance);
        assertThat(race.successes()).hasSize(1);
        Order winner = race.successes().getFirst().order();
        assertThat(winner.couponId()).contains(coupon);
        assertThat(winner.totalAmount()).isEqualTo(Money.of(700));
        assertThat(race.refusals()).hasSize(19).allSatisfy(refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.COUPON_ALREADY_USED);
            assertThat(refusal.orderId()).isPresent().get().isNotEqualTo(winner.id().value());
        });
        assertThat(race.refusals()).extracting(refusal -> refusal.orderId().orElseThrow()).doesNotHaveDuplicates();
        for (DomainException refusal : race.refusals()) {
            OrderView loser = engine.orders().queries().order(new OrderId(refusal.orderId().orElseThrow()));
            assertThat(loser.order().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
            assertThat(loser.payments()).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
                assertThat(payment.failureCode()).contains(ErrorCode.COUPON_ALREADY_USED);
            });
        }
        assertThat(db().queryLong("SELECT used_order_id FROM coupons WHERE id = ?", coupon.value())).isEqualTo(winner.id().value());
        assertThat(balance).isEqualTo(Money.of(100_000 - 700));
        assertThat(stockOf(product)).as("one unit sold, nineteen held").isEqualTo(80);
    }

    @Test
    void orders_draining_one_balance_succeed_while_it_lasts_and_never_take_it_below_zero() throws Exception {
        User user = customers(1, 10_000).getFirst();
        Product product = fixtures().product(700, 100);

        Race<OrderView> race = race(40, TestDatabase.POOL_SIZE, i -> place(user, product, 1, Optional.empty()));

        Money balance = balanceOf(user);
        Money paid = succeededPaymentsOf(user);
        race.report(db(), "40 orders of 700 on a balance of 10000", "balance=" + balance + " paid=" + paid);
        assertThat(race.successes()).hasSize(10_000 / 700);
        assertThat(race.refusals()).hasSize(40 - 10_000 / 700).allSatisfy(refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
            assertThat(refusal.orderId()).isPresent();
        });
        assertThat(balance).isEqualTo(Money.of(10_000).minus(paid)).isEqualTo(Money.of(10_000 % 700));
        assertThat(historyOf(user, BalanceChangeType.USE)).hasSize(10_000 / 700);
        assertThat(orderStatusesOf(product)).containsOnly(Map.entry("COMPLETED", 14L), Map.entry("STOCK_ALLOCATED", 26L));
    }

    @Test
    void charges_and_payments_racing_on_one_balance_lose_no_update() throws Exception {
        User user = customers(1, 5_000).getFirst();
        Product product = fixtures().product(1_000, 100);

        Race<Object> race = race(30, TestDatabase.POOL_SIZE, i -> i % 3 == 0
                ? engine.users().chargeBalance().charge(new ChargeBalanceCommand(user.id(), Money.of(1_000), Optional.empty()))
                : place(user, product, 1, Optional.empty()));

        Money balance = balanceOf(user);
        Money paid = succeededPaymentsOf(user);
        race.report(db(), "10 charges of 1000 and 20 orders of 1000 on a balance of 5000", "balance=" + balance + " paid=" + paid);
        assertThat(race.refusals()).as("20 orders of 1000 for 15000 charged in all").isNotEmpty()
                .allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE));
        assertThat(balance).isEqualTo(Money.of(5_000 + 10 * 1_000).minus(paid));
        assertThat(balance.amount().signum()).isNotNegative();
        assertThat(historyOf(user, BalanceChangeType.CHARGE)).hasSize(11);
        assertThat(historyOf(user, BalanceChangeType.USE)).hasSize(race.successes().size() - 10);
    }

    @Test
    void a_thousand_users_asking_for_a_hundred_coupons_get_exactly_a_hundred_one_each() throws Exception {
        List<User> users = customers(1_000, 0);
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("First come", Money.of(500), 100, 7));

        Race<CouponView> race = race(1_000, 32, i -> engine.coupons().issue(new IssueCouponCommand(source.id(), users.get(i).id())));

        long issued = db().queryLong("SELECT issued_quantity FROM coupon_sources WHERE id = ?", source.id().value());
        long rows = db().queryLong("SELECT COUNT(*) FROM coupons WHERE coupon_source_id = ?", source.id().value());
        long owners = db().queryLong("SELECT COUNT(DISTINCT user_id) FROM coupons WHERE coupon_source_id = ?", source.id().value());
        race.report(db(), "1000 users for 100 coupons", "issued_quantity=" + issued + " coupons=" + rows);
        assertThat(race.successes()).hasSize(100);
        assertThat(race.successes()).extracting(view -> view.coupon().ownerId()).doesNotHaveDuplicates();
        assertThat(race.refusals()).hasSize(900).allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.COUPON_SOLD_OUT));
        assertThat(issued).isEqualTo(100);
        assertThat(rows).isEqualTo(100);
        assertThat(owners).isEqualTo(100);
    }

    @Test
    void one_user_asking_ten_times_at_once_gets_one_coupon() throws Exception {
        User user = customers(1, 0).getFirst();
        CouponSource source = engine.coupons().open(new OpenCouponSourceCommand("One each", Money.of(500), 50, 7));

        Race<CouponView> race = race(10, 10, i -> engine.coupons().issue(new IssueCouponCommand(source.id(), user.id())));

        long issued = db().queryLong("SELECT issued_quantity FROM coupon_sources WHERE id = ?", source.id().value());
        race.report(db(), "one user asking 10 times for a coupon", "issued_quantity=" + issued);
        assertThat(race.successes()).hasSize(1);
        assertThat(race.refusals()).hasSize(9).allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.COUPON_ALREADY_ISSUED));
        assertThat(issued).isEqualTo(1);
        assertThat(db().queryLong("SELECT COUNT(*) FROM coupons WHERE coupon_source_id = ? AND user_id = ?",
                source.id().value(), user.id().value())).isEqualTo(1);
    }

    @Test
    void ten_concurrent_retries_of_one_order_request_create_one_order_and_charge_once() throws Exception {
        User user = customers(1, 50_000).getFirst();
        Product product = fixtures().product(1_000, 10);
        PlaceOrderCommand command = new PlaceOrderCommand(user.id(), List.of(new OrderItem(product.id(), 1)), Optional.empty(),
                Optional.of(new IdempotencyKey(user.id(), "order-retry")));

        Race<OrderView> race = race(10, 10, i -> engine.orders().placeOrder().place(command));

        long orders = db().queryLong("SELECT COUNT(*) FROM orders WHERE user_id = ?", user.id().value());
        Money balance = balanceOf(user);
        race.report(db(), "10 retries of one order request", "orders=" + orders + " stock=" + stockOf(product) + " balance=" + balance);
        assertThat(race.refusals()).allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
        assertThat(race.successes()).isNotEmpty().allSatisfy(view -> assertThat(view.order().status()).isEqualTo(OrderStatus.COMPLETED));
        assertThat(race.successes()).extracting(view -> view.order().id()).containsOnly(race.successes().getFirst().order().id());
        assertThat(orders).isEqualTo(1);
        assertThat(stockOf(product)).isEqualTo(9);
        assertThat(balance).isEqualTo(Money.of(49_000));
        assertThat(historyOf(user, BalanceChangeType.USE)).hasSize(1);
        assertThat(engine.orders().queries().order(race.successes().getFirst().order().id()).payments()).hasSize(1);
    }

    @Test
    void ten_concurrent_retries_of_one_charge_charge_once() throws Exception {
        User user = customers(1, 0).getFirst();
        ChargeBalanceCommand command = new ChargeBalanceCommand(user.id(), Money.of(1_000), Optional.of(new IdempotencyKey(user.id(), "charge-retry")));

        Race<BalanceView> race = race(10, 10, i -> engine.users().chargeBalance().charge(command));

        Money balance = balanceOf(user);
        race.report(db(), "10 retries of one charge", "balance=" + balance);
        assertThat(race.refusals()).allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
        assertThat(race.successes()).isNotEmpty().allSatisfy(view -> assertThat(view.amount()).isEqualTo(Money.of(1_000)));
        assertThat(balance).isEqualTo(Money.of(1_000));
        assertThat(historyOf(user, BalanceChangeType.CHARGE)).hasSize(1);
    }

    @Test
    void multi_line_orders_crossing_each_others_products_never_deadlock_and_sell_what_they_took() throws Exception {
        List<Product> products = fixtures().products(4, 150);
        List<User> buyers = customers(16, 10_000_000);
        long retriesBefore = ((HibernateTransactions) adapter().transactions()).retries();

        Race<Map<ProductId, Integer>> race = race(16, 16, i -> {
            Random random = new Random(i);
            Map<ProductId, Integer> sold = new HashMap<>();
            for (int round = 0; round < 10; round++) {
                List<Product> lines = new ArrayList<>(products);
                Collections.shuffle(lines, random);
                List<OrderItem> items = lines.stream().map(product -> new OrderItem(product.id(), 1 + random.nextInt(3))).toList();
                try {
                    OrderView placed = engine.orders().placeOrder().place(new PlaceOrderCommand(buyers.get(i).id(), items, Optional.empty(),
                            Optional.empty()));
                    placed.order().lines().forEach(line -> sold.merge(line.productId(), line.quantity(), Integer::sum));
                } catch (DomainException refused) {
                    if (refused.code() != ErrorCode.OUT_OF_STOCK) {
                        throw refused;
                    }
                }
            }
            return sold;
        });

        Map<ProductId, Integer> soldToCallers = new HashMap<>();
        race.successes().forEach(sold -> sold.forEach((product, units) -> soldToCallers.merge(product, units, Integer::sum)));
        long retries = ((HibernateTransactions) adapter().transactions()).retries() - retriesBefore;
        Map<ProductId, Long> stock = new HashMap<>();
        for (Product product : products) {
            stock.put(product.id(), stockOf(product));
        }
        race.report(db(), "16 threads x 10 orders over the same 4 products", "units sold=" + soldToCallers.values().stream()
                .mapToInt(Integer::intValue).sum() + " of 600, stock left=" + stock.values() + " retries=" + retries);
        assertThat(race.refusals()).as("refusals other than OUT_OF_STOCK").isEmpty();
        for (Product product : products) {
            long completedUnits = db().queryLong("SELECT COALESCE(SUM(l.quantity), 0) FROM order_products l "
                    + "JOIN orders o ON o.id = l.order_id WHERE l.product_id = ? AND o.status = 'COMPLETED'", product.id().value());
            assertThat(stock.get(product.id())).isNotNegative();
            assertThat(150 - stock.get(product.id())).as("units taken of product " + product.id())
                    .isEqualTo(completedUnits).isEqualTo(soldToCallers.getOrDefault(product.id(), 0).longValue());
            assertThat(orderStatusesOf(product)).containsOnlyKeys("COMPLETED");
        }
    }

    @Test
    void a_payment_and_a_cancel_racing_on_one_order_have_exactly_one_winner() throws Exception {
        User user = customers(1, 100_000).getFirst();
        Product product = fixtures().product(1_000, 100);
        int rounds = 20;
        int paid = 0;
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Order order = fixtures().allocatedOrder(user, Instant.now(), product);
            Race<OrderView> race = race(2, 2, i -> i == 0
                    ? engine.orders().payOrder().pay(new PayOrderCommand(order.id(), user.id(), Optional.empty(), Optional.empty()))
                    : engine.orders().cancelOrder().cancel(new CancelOrderCommand(order.id(), user.id())));

            assertThat(race.successes()).as("winners of round " + round).hasSize(1);
            OrderStatus outcome = race.successes().getFirst().order().status();
            OrderView stored = engine.orders().queries().order(order.id());
            assertThat(stored.order().status()).isEqualTo(outcome);
            if (outcome == OrderStatus.COMPLETED) {
                paid++;
                assertThat(race.refusals()).singleElement().extracting(DomainException::code).isEqualTo(ErrorCode.ORDER_NOT_CANCELLABLE);
            } else {
                assertThat(outcome).isEqualTo(OrderStatus.CANCELLED);
                assertThat(race.refusals()).singleElement().extracting(DomainException::code).isEqualTo(ErrorCode.ORDER_NOT_PAYABLE);
                assertThat(stored.payments()).noneMatch(payment -> payment.status() == PaymentStatus.SUCCEEDED);
            }
            assertThat(stockOf(product)).as("stock after round " + round).isEqualTo(100 - paid);
        }

        Money balance = balanceOf(user);
        System.out.printf("[%s] race %s: attempts=%d successes=%d payments won=%d cancels won=%d stock=%d balance=%s elapsed=%d ms%n", db(),
                "pay vs cancel on one order", 2 * rounds, rounds, paid, rounds - paid, stockOf(product), balance,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(balance).isEqualTo(Money.of(100_000 - 1_000L * paid));
        assertThat(succeededPaymentsOf(user)).isEqualTo(Money.of(1_000L * paid));
    }

    @Test
    void a_payment_and_the_expiry_of_its_reservation_racing_have_exactly_one_winner() throws Exception {
        User user = customers(1, 100_000).getFirst();
        Product product = fixtures().product(1_000, 100);
        OrderEngine anHourLater = new OrderEngine(adapter().ports(), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), Duration.ofMinutes(15));
        int rounds = 10;
        int paid = 0;
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            Order order = fixtures().allocatedOrder(user, Instant.now(), product);
            Race<Object> race = race(2, 2, i -> i == 0
                    ? engine.orders().payOrder().pay(new PayOrderCommand(order.id(), user.id(), Optional.empty(), Optional.empty()))
                    : anHourLater.orders().expireReservations().expireDue());

            OrderStatus outcome = engine.orders().queries().order(order.id()).order().status();
            boolean paymentWon = race.successes().stream().anyMatch(OrderView.class::isInstance);
            assertThat(outcome).isIn(OrderStatus.COMPLETED, OrderStatus.CANCELLED);
            assertThat(paymentWon).as("payment succeeded in round " + round).isEqualTo(outcome == OrderStatus.COMPLETED);
            if (!paymentWon) {
                assertThat(race.refusals()).singleElement().extracting(DomainException::code).isEqualTo(ErrorCode.ORDER_NOT_PAYABLE);
            }
            paid += paymentWon ? 1 : 0;
            assertThat(stockOf(product)).as("stock after round " + round).isEqualTo(100 - paid);
        }

        Money balance = balanceOf(user);
        System.out.printf("[%s] race %s: attempts=%d payments won=%d expiries won=%d stock=%d balance=%s elapsed=%d ms%n", db(),
                "pay vs expiry of one order", 2 * rounds, paid, rounds - paid, stockOf(product), balance,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(balance).isEqualTo(Money.of(100_000 - 1_000L * paid));
    }

    // --- fixtures and reads

    private OrderView place(User customer, Product product, int quantity, Optional<CouponId> coupon) {
        return engine.orders().placeOrder().place(new PlaceOrderCommand(customer.id(), List.of(new OrderItem(product.id(), quantity)),
                coupon, Optional.empty()));
    }

    /** {@code count} active users, each with {@code balance} charged once, stored a hundred per transaction. */
    private List<User> customers(int count, long balance) {
        List<User> customers = new ArrayList<>();
        for (int from = 0; from < count; from += 100) {
            int size = Math.min(100, count - from);
            customers.addAll(tx(() -> {
                Instant now = Instant.now();
                List<User> batch = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    User user = User.register(adapter().users().nextId(), "Customer", now);
                    adapter().users().add(user);
                    adapter().balances().add(Balance.openFor(user.id()));
                    batch.add(user);
                }
                if (balance > 0) {
                    for (User user : batch) {
                        Balance opened = adapter().balances().lockByUser(user.id()).orElseThrow();
                        adapter().balances().save(opened, opened.charge(Money.of(balance), now));
                    }
                }
                return batch;
            }));
        }
        return customers;
    }

    private long stockOf(Product product) {
        return engine.products().product(product.id()).stock();
    }

    private Money balanceOf(User user) {
        return engine.users().queries().balance(user.id()).amount();
    }

    private List<BalanceChange> historyOf(User user, BalanceChangeType type) {
        return engine.users().queries().balanceHistory(user.id(), new PageRequest(0, 100)).items().stream().filter(change -> change.type() == type).toList();
    }

    private Money succeededPaymentsOf(User user) throws SQLException {
        return db().queryValue("SELECT SUM(amount) FROM payments WHERE user_id = ? AND status = 'SUCCEEDED'", user.id().value())
                .map(value -> new Money((BigDecimal) value)).orElse(Money.ZERO);
    }

    private long balancesOf(List<User> users) throws SQLException {
        String ids = users.stream().map(user -> Long.toString(user.id().value())).collect(Collectors.joining(","));
        return db().queryValue("SELECT SUM(amount) FROM balances WHERE user_id IN (" + ids + ")")
                .map(value -> ((BigDecimal) value).longValueExact()).orElse(0L);
    }

    /** Orders with a line of {@code product}, counted by status. */
    private Map<String, Long> orderStatusesOf(Product product) throws SQLException {
        return countBy("SELECT o.status, COUNT(*) FROM orders o WHERE o.id IN (SELECT order_id FROM order_products WHERE product_id = ?) "
                + "GROUP BY o.status", product.id().value());
    }

    /** Payments of orders with a line of {@code product}, counted by status. */
    private Map<String, Long> paymentsOf(Product product) throws SQLException {
        return countBy("SELECT p.status, COUNT(*) FROM payments p WHERE p.order_id IN (SELECT order_id FROM order_products WHERE product_id = ?) "
                + "GROUP BY p.status", product.id().value());
    }

    private Map<String, Long> countBy(String sql, long parameter) throws SQLException {
        try (Connection connection = adapter().dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            connection.rollback();
            return counts;
        }
    }
}
