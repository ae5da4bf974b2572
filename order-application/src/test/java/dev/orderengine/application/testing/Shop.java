package dev.orderengine.application.testing;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.coupon.CouponView;
import dev.orderengine.application.coupon.IssueCouponCommand;
import dev.orderengine.application.coupon.OpenCouponSourceCommand;
import dev.orderengine.application.inmemory.InMemoryStorage;
import dev.orderengine.application.inmemory.MutableClock;
import dev.orderengine.application.order.CancelOrderCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.RefundOrderCommand;
import dev.orderengine.application.order.RefundView;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.product.ProductView;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine over fresh in-memory ports and a clock that only moves when told, with one-line fixtures:
 * customers (10,000 of balance unless said otherwise), products (price 1,000, stock 100), coupons and orders.
 */
public final class Shop {

    public static final Instant OPENING = Instant.parse("2026-11-24T09:00:00Z");
    public static final Duration RESERVATION_TTL = Duration.ofMinutes(15);

    private final MutableClock clock = MutableClock.at(OPENING);
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final OrderEngine engine = new OrderEngine(storage.ports(), clock, RESERVATION_TTL);
    private final AtomicInteger names = new AtomicInteger();

    public MutableClock clock() {
        return clock;
    }

    public InMemoryStorage storage() {
        return storage;
    }

    public EnginePorts ports() {
        return storage.ports();
    }

    public OrderEngine engine() {
        return engine;
    }

    /** Another engine over this shop's storage whose stock port is {@code stock} (a wrapper of {@code ports().stock()}). */
    public OrderEngine engineWithStock(StockReservations stock) {
        EnginePorts ports = ports();
        return new OrderEngine(new EnginePorts(ports.transactions(), ports.users(), ports.products(), stock, ports.couponSources(),
                ports.coupons(), ports.balances(), ports.payments(), ports.orders(), ports.orderEvents(), ports.idempotencyKeys()),
                clock, RESERVATION_TTL);
    }

    /** Another engine over this shop's storage whose transactions are {@code transactions} (a wrapper of {@code ports().transactions()}). */
    public OrderEngine engineWithTransactions(Transactions transactions) {
        EnginePorts ports = ports();
        return new OrderEngine(new EnginePorts(transactions, ports.users(), ports.products(), ports.stock(), ports.couponSources(),
                ports.coupons(), ports.balances(), ports.payments(), ports.orders(), ports.orderEvents(), ports.idempotencyKeys()),
                clock, RESERVATION_TTL);
    }

    public static Money won(long amount) {
        return Money.of(amount);
    }

    // --- users and balances

    /** An active customer with a balance of 10,000. */
    public UserId customer() {
        return customerWith(10_000);
    }

    public UserId customerWith(long balance) {
        UserId user = engine.users().registerUser().register(new RegisterUserCommand("customer " + names.incrementAndGet())).id();
        if (balance > 0) {
            charge(user, balance);
        }
        return user;
    }

    /** A suspended customer: no use case suspends one, so it is stored directly. */
    public UserId inactiveCustomer() {
        EnginePorts ports = ports();
        return ports.transactions().inTransaction(() -> {
            User user = User.restore(ports.users().nextId(), "suspended " + names.incrementAndGet(), UserStatus.INACTIVE, clock.instant());
            ports.users().add(user);
            ports.balances().add(Balance.openFor(user.id()));
            return user.id();
        });
    }

    public Money charge(UserId user, long amount) {
        return engine.users().chargeBalance().charge(new ChargeBalanceCommand(user, won(amount), Optional.empty())).amount();
    }

    public Money balanceOf(UserId user) {
        return engine.users().queries().balance(user).amount();
    }

    public List<BalanceChange> historyOf(UserId user) {
        return engine.users().queries().balanceHistory(user, new PageRequest(0, 100)).items();
    }

    // --- products

    /** A product on sale at 1,000 with 100 in stock. */
    public ProductId product() {
        return product(1_000, 100);
    }

    public ProductId product(long price, int stock) {
        ListProductCommand command = new ListProductCommand("product " + names.incrementAndGet(), null, won(price), stock);
        return engine.products().list(command).product().id();
    }

    /** A product withdrawn from sale: no use case withdraws one, so the stored product is replaced. */
    public ProductId discontinuedProduct(long price, int stock) {
        ProductId id = product(price, stock);
        Product listed = productView(id).product();
        storage.replaceProduct(Product.restore(id, listed.name(), null, listed.price(), ProductStatus.DISCONTINUED, listed.createdAt()));
        return id;
    }

    /** A new catalogue price: no use case reprices a product, so the stored product is replaced. */
    public void reprice(ProductId id, long price) {
        Product listed = productView(id).product();
        storage.replaceProduct(Product.restore(id, listed.name(), null, won(price), listed.status(), listed.createdAt()));
    }

    public ProductView productView(ProductId id) {
        return engine.products().product(id);
    }

    public long stockOf(ProductId id) {
        return productView(id).stock();
    }

    // --- coupons

    public CouponSourceId campaign(long discount, int totalQuantity, int validDays) {
        return engine.coupons().open(new OpenCouponSourceCommand("campaign " + names.incrementAndGet(), won(discount),
                totalQuantity, validDays)).id();
    }

    public CouponView issue(CouponSourceId campaign, UserId owner) {
        return engine.coupons().issue(new IssueCouponCommand(campaign, owner));
    }

    /** A coupon worth {@code discount}, valid for 30 days, from a campaign of its own. */
    public CouponId couponFor(UserId owner, long discount) {
        return issue(campaign(discount, 100, 30), owner).coupon().id();
    }

    public CouponView couponOf(UserId owner, CouponId coupon) {
        return engine.users().queries().coupons(owner, new PageRequest(0, 100)).items().stream()
                .filter(view -> view.coupon().id().equals(coupon))
                .findFirst().orElseThrow();
    }

    public CouponStatus statusOf(UserId owner, CouponId coupon) {
        return couponOf(owner, coupon).status();
    }

    // --- orders

    /** Starts an order; add lines with {@link OrderRequest#item}. */
    public OrderRequest orderBy(UserId user) {
        return new OrderRequest(engine, user);
    }

    /** An order of {@code user} placed through {@code otherEngine} (over this shop's storage, with some port changed). */
    public OrderRequest orderBy(UserId user, OrderEngine otherEngine) {
        return new OrderRequest(otherEngine, user);
    }

    /** Places {@code request}, expects its payment to fail for lack of balance, and returns the order left allocated. */
    public OrderId allocate(OrderRequest request) {
        DomainException refused = Failures.failsWith(ErrorCode.INSUFFICIENT_BALANCE, request::place);
        return new OrderId(refused.orderId().orElseThrow());
    }

    public OrderView pay(UserId payer, OrderId order) {
        return engine.orders().payOrder().pay(new PayOrderCommand(order, payer, Optional.empty(), Optional.empty()));
    }

    public OrderView pay(UserId payer, OrderId order, CouponId coupon) {
        return engine.orders().payOrder().pay(new PayOrderCommand(order, payer, Optional.of(coupon), Optional.empty()));
    }

    public OrderView payWithKey(UserId payer, OrderId order, String key) {
        return engine.orders().payOrder().pay(new PayOrderCommand(order, payer, Optional.empty(),
                Optional.of(new IdempotencyKey(payer, key))));
    }

    /** Refunds the {@code lines} given of a paid order, restocking them, without a reason or idempotency key. */
    public RefundView refund(OrderId order, RefundLine... lines) {
        return refund(new RefundOrderCommand(order, Optional.of(List.of(lines)), Optional.empty(), true, Optional.empty()));
    }

    /** Refunds every unit of a paid order not refunded yet, restocking them. */
    public RefundView refundAll(OrderId order) {
        return refund(new RefundOrderCommand(order, Optional.empty(), Optional.empty(), true, Optional.empty()));
    }

    public RefundView refund(RefundOrderCommand command) {
        return engine.orders().refundOrder().refund(command);
    }

    public static RefundLine units(ProductId product, int quantity) {
        return new RefundLine(product, quantity);
    }

    public OrderView cancel(UserId user, OrderId order) {
        return engine.orders().cancelOrder().cancel(new CancelOrderCommand(order, user));
    }

    public OrderView order(OrderId id) {
        return engine.orders().queries().order(id);
    }

    public List<Payment> paymentsOf(OrderId id) {
        return order(id).payments();
    }

    public List<OrderEvent> events() {
        return storage.events();
    }
}
