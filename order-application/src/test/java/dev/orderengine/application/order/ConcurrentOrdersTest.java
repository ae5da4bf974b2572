package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The invariants of stock, coupons and balances hold when many requests arrive at once. */
class ConcurrentOrdersTest {

    private static final String COMPLETED = "COMPLETED";
    private static final int REQUESTS = 24;

    private final Shop shop = new Shop();

    @Test
    void never_sells_more_than_the_stock() throws Exception {
        ProductId pen = shop.product(1_000, 10);
        List<UserId> customers = IntStream.range(0, REQUESTS).mapToObj(i -> shop.customer()).toList();

        Map<String, Long> outcomes = runAtOnce(customers.stream()
                .<Callable<String>>map(user -> () -> outcome(() -> shop.orderBy(user).item(pen, 1).place())).toList());

        assertThat(outcomes).isEqualTo(Map.of(COMPLETED, 10L, "OUT_OF_STOCK", (long) REQUESTS - 10));
        assertThat(shop.stockOf(pen)).isZero();
        assertThat(shop.events()).hasSize(10);
    }

    @Test
    void spends_a_coupon_once() throws Exception {
        UserId ada = shop.customerWith(1_000_000);
        ProductId pen = shop.product(1_000, 100);
        CouponId coupon = shop.couponFor(ada, 300);

        Map<String, Long> outcomes = runAtOnce(IntStream.range(0, REQUESTS)
                .<Callable<String>>mapToObj(i -> () -> outcome(() -> shop.orderBy(ada).item(pen, 1).coupon(coupon).place())).toList());

        assertThat(outcomes).isEqualTo(Map.of(COMPLETED, 1L, "COUPON_ALREADY_USED", (long) REQUESTS - 1));
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.USED);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(1_000_000 - 700));
        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 100)).items())
                .filteredOn(view -> view.order().status() == OrderStatus.STOCK_ALLOCATED).hasSize(REQUESTS - 1);
    }

    @Test
    void never_takes_the_balance_below_zero() throws Exception {
        UserId ada = shop.customerWith(5_000);
        ProductId pen = shop.product(1_000, 100);

        Map<String, Long> outcomes = runAtOnce(IntStream.range(0, REQUESTS)
                .<Callable<String>>mapToObj(i -> () -> outcome(() -> shop.orderBy(ada).item(pen, 1).place())).toList());

        assertThat(outcomes).isEqualTo(Map.of(COMPLETED, 5L, "INSUFFICIENT_BALANCE", (long) REQUESTS - 5));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(0));
        assertThat(shop.stockOf(pen)).isEqualTo(100 - REQUESTS);
    }

    @Test
    void issues_no_more_coupons_than_the_campaign_holds() throws Exception {
        var campaign = shop.campaign(100, 7, 30);
        List<UserId> customers = IntStream.range(0, REQUESTS).mapToObj(i -> shop.customer()).toList();

        Map<String, Long> outcomes = runAtOnce(customers.stream()
                .<Callable<String>>map(user -> () -> outcome(() -> shop.issue(campaign, user))).toList());

        assertThat(outcomes).isEqualTo(Map.of(COMPLETED, 7L, "COUPON_SOLD_OUT", (long) REQUESTS - 7));
    }

    private static String outcome(Runnable request) {
        try {
            request.run();
            return COMPLETED;
        } catch (DomainException refused) {
            return refused.code().name();
        }
    }

    private static Map<String, Long> runAtOnce(List<Callable<String>> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.size())) {
            for (Callable<String> request : requests) {
                results.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            return outcomes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }
}
