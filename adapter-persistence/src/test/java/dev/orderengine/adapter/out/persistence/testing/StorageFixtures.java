package dev.orderengine.adapter.out.persistence.testing;

import dev.orderengine.adapter.out.persistence.PersistenceAdapter;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.user.User;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Short fixtures over the ports of one adapter: each call stores fresh data in its own committed transaction,
 * with sensible defaults, at the fixed instant {@link #NOW} unless told otherwise.
 */
public final class StorageFixtures {

    /** The instant the fixtures write, with millisecond precision so it survives every database. */
    public static final Instant NOW = Instant.parse("2026-11-24T10:15:30.120Z");

    private final PersistenceAdapter adapter;

    public StorageFixtures(PersistenceAdapter adapter) {
        this.adapter = adapter;
    }

    /** An active user with an empty balance. */
    public User user() {
        return transaction(() -> {
            User user = User.register(adapter.users().nextId(), "Customer", NOW);
            adapter.users().add(user);
            adapter.balances().add(Balance.openFor(user.id()));
            return user;
        });
    }

    /** An active user whose balance holds {@code amount}, charged once. */
    public User userWithBalance(long amount) {
        User user = user();
        if (amount > 0) {
            charge(user, amount);
        }
        return user;
    }

    /** Charges {@code amount} to the balance of {@code user}; returns the new balance. */
    public Money charge(User user, long amount) {
        return transaction(() -> {
            Balance balance = adapter.balances().lockByUser(user.id()).orElseThrow();
            adapter.balances().save(balance, balance.charge(Money.of(amount), NOW));
            return balance.amount();
        });
    }

    /** A product on sale at {@code price} with {@code stock} units. */
    public Product product(long price, int stock) {
        return transaction(() -> {
            Product product = Product.list(adapter.products().nextId(), "Product", "A product", Money.of(price), NOW);
            adapter.products().add(product);
            adapter.stock().set(product.id(), stock);
            return product;
        });
    }

    /** {@code count} products at 1,000 each with {@code stock} units, in ascending id order. */
    public List<Product> products(int count, int stock) {
        return IntStream.range(0, count).mapToObj(i -> product(1_000, stock)).toList();
    }

    /** An open coupon campaign of {@code total} coupons of {@code discount}, valid 7 days. */
    public CouponSource couponSource(long discount, int total) {
        return transaction(() -> {
            CouponSource source = CouponSource.open(adapter.couponSources().nextId(), "Welcome", Money.of(discount), total, 7, NOW);
            adapter.couponSources().add(source);
            return source;
        });
    }

    /** A coupon of {@code source} issued to {@code owner}. */
    public Coupon coupon(CouponSource source, User owner) {
        return transaction(() -> {
            CouponSource locked = adapter.couponSources().lockById(source.id()).orElseThrow();
            Coupon coupon = locked.issueTo(owner.id(), adapter.coupons().nextId(), NOW);
            adapter.coupons().add(coupon);
            adapter.couponSources().save(locked);
            return coupon;
        });
    }

    /** A stock-allocated order of {@code customer} for one unit of each product, created at {@code createdAt}. */
    public Order allocatedOrder(User customer, Instant createdAt, Product... products) {
        return allocatedOrder(customer, createdAt, Arrays.stream(products)
                .collect(Collectors.toMap(Product::id, product -> 1, Integer::sum, LinkedHashMap::new)));
    }

    /** A stock-allocated order of {@code customer} for the given quantities (lines in the map's order), created at {@code createdAt}. */
    public Order allocatedOrder(User customer, Instant createdAt, Map<ProductId, Integer> quantities) {
        return transaction(() -> {
            List<OrderItem> items = quantities.entrySet().stream()
                    .map(line -> new OrderItem(line.getKey(), line.getValue())).toList();
            Order order = Order.place(adapter.orders().nextId(), customer, items, createdAt);
            order.allocateStock(adapter.products().findAllById(quantities.keySet()), adapter.stock(), createdAt);
            adapter.orders().add(order);
            return order;
        });
    }

    private <T> T transaction(Supplier<T> work) {
        return adapter.transactions().inTransaction(work);
    }
}
