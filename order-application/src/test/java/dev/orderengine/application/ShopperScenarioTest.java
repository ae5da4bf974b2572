package dev.orderengine.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.inmemory.InMemoryPorts;
import dev.orderengine.application.inmemory.InMemoryStorage;
import dev.orderengine.application.inmemory.MutableClock;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The life of one purchase, told from the shop opening to the data platform's event, over in-memory ports.
 * Read it top to bottom: each paragraph is one thing that happens and what the engine shows for it.
 */
class ShopperScenarioTest {

    private static final Instant MORNING = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = MutableClock.at(MORNING);
    private final EnginePorts ports = InMemoryPorts.create();
    private final InMemoryStorage storage = InMemoryPorts.storageOf(ports);
    private final OrderEngine engine = new OrderEngine(ports, clock, OrderEngine.DEFAULT_RESERVATION_TTL);

    @Test
    void a_shopper_charges_orders_two_products_with_a_coupon_and_the_data_platform_event_is_there() {
        // The shop lists a keyboard and a mouse, and opens a welcome campaign of 3,000 off.
        ProductId keyboard = engine.products().list(
                new ListProductCommand("Mechanical keyboard", "Brown switches", Money.of(89_000), 5)).product().id();
        ProductId mouse = engine.products().list(
                new ListProductCommand("Wireless mouse", null, Money.of(25_000), 10)).product().id();
        CouponSourceId welcome = engine.coupons().open(
                new OpenCouponSourceCommand("Welcome", Money.of(3_000), 100, 30)).id();

        // Mina signs up and tops up her prepaid balance with 150,000.
        UserId mina = engine.users().registerUser().register(new RegisterUserCommand("Mina")).id();
        Money afterCharge = engine.users().chargeBalance()
                .charge(new ChargeBalanceCommand(mina, Money.of(150_000), Optional.empty())).amount();
        assertThat(afterCharge).isEqualTo(Money.of(150_000));

        // She claims the welcome coupon.
        CouponView coupon = engine.coupons().issue(new IssueCouponCommand(welcome, mina));
        assertThat(coupon.status()).isEqualTo(CouponStatus.AVAILABLE);

        // Five minutes later she orders one keyboard and two mice, with the coupon.
        clock.advance(Duration.ofMinutes(5));
        Instant orderedAt = clock.instant();
        OrderView placed = engine.orders().placeOrder().place(new PlaceOrderCommand(mina,
                List.of(new OrderItem(keyboard, 1), new OrderItem(mouse, 2)), Optional.of(coupon.coupon().id()), Optional.empty()));

        // The order is paid at once: 139,000 of goods, 3,000 off, 136,000 taken from her balance.
        assertThat(placed.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(placed.order().originalAmount()).isEqualTo(Money.of(139_000));
        assertThat(placed.order().totalAmount()).isEqualTo(Money.of(136_000));
        assertThat(placed.payments()).singleElement().satisfies(payment -> assertThat(payment.amount()).isEqualTo(Money.of(136_000)));

        // The shelves, her balance and her coupon show it.
        assertThat(engine.products().product(keyboard).stock()).isEqualTo(4);
        assertThat(engine.products().product(mouse).stock()).isEqualTo(8);
        assertThat(engine.users().queries().balance(mina).amount()).isEqualTo(Money.of(14_000));
        assertThat(engine.users().queries().coupons(mina, new PageRequest(0, 100)).items()).singleElement()
                .satisfies(view -> assertThat(view.status()).isEqualTo(CouponStatus.USED));

        // Her history tells the same story, newest first.
        assertThat(engine.users().queries().balanceHistory(mina, new PageRequest(0, 100)).items()).extracting(BalanceChange::type, BalanceChange::balanceAfter)
                .containsExactly(
                        tuple(BalanceChangeType.USE, Money.of(14_000)),
                        tuple(BalanceChangeType.CHARGE, Money.of(150_000)));

        // In the same transaction, the outbox received the one event the data platform will be sent,
        // carrying the order exactly as it was completed.
        OrderEvent event = storage.events().getFirst();
        assertThat(storage.events()).hasSize(1);
        assertThat(event.type()).isEqualTo(OrderEventType.ORDER_COMPLETED);
        assertThat(event.occurredAt()).isEqualTo(orderedAt);
        assertThat(event.snapshot()).isEqualTo(new OrderSnapshot(
                placed.order().id(), mina, OrderStatus.COMPLETED, Optional.of(coupon.coupon().id()),
                Money.of(139_000), Money.of(3_000), Money.of(136_000),
                Optional.of(placed.payments().getFirst().id()), Optional.of(orderedAt),
                List.of(new OrderSnapshot.Item(keyboard, 1, Money.of(89_000), Money.of(89_000)),
                        new OrderSnapshot.Item(mouse, 2, Money.of(25_000), Money.of(50_000)))));

        // A week later the keyboard costs more; what she bought, and paid, stays as it was.
        clock.advance(Duration.ofDays(7));
        Product listed = engine.products().product(keyboard).product();
        storage.replaceProduct(Product.restore(keyboard, listed.name(), listed.description().orElse(null),
                Money.of(99_000), listed.status(), listed.createdAt()));
        assertThat(engine.products().product(keyboard).product().price()).isEqualTo(Money.of(99_000));
        assertThat(engine.orders().queries().order(placed.order().id()).order().snapshot()).isEqualTo(event.snapshot());
    }
}
