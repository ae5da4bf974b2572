package dev.orderengine.application.relay;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.units;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Counting the units of completed orders per product and day, exactly once, and ranking the best sellers. */
class RecordSalesStatisticsTest {

    private final Shop shop = new Shop();
    private final RelayPorts ports = shop.storage().relayPorts();
    private final ProductId pen = shop.product(1_000, 100);
    private final ProductId ink = shop.product(500, 100);
    private final UserId ada = shop.customerWith(1_000_000);
    private final RecordSalesStatistics statistics = statistics(10, shop.clock());

    @Test
    void counts_the_units_of_each_product_once_however_often_it_runs() {
        shop.orderBy(ada).item(pen, 2).item(ink, 1).place();
        shop.orderBy(ada).item(pen, 3).place();

        assertThat(statistics.recordOnce()).isEqualTo(2);
        assertThat(statistics.recordOnce()).isZero();
        assertThat(statistics.recordOnce()).isZero();

        assertThat(statistics.popular(1, 10)).containsExactly(sold(pen, 5), sold(ink, 1));

        shop.orderBy(ada).item(pen, 1).place();

        assertThat(statistics.recordOnce()).isEqualTo(1);
        assertThat(statistics.popular(1, 10)).containsExactly(sold(pen, 6), sold(ink, 1));
        assertThat(cursor().position().eventId()).isEqualTo(List.copyOf(shop.storage().eventsById().keySet()).getLast());
    }

    @Test
    void keeps_reading_full_batches_until_every_event_is_counted() {
        RecordSalesStatistics smallBatches = statistics(2, shop.clock());
        for (int i = 0; i < 5; i++) {
            shop.orderBy(ada).item(pen, 1).place();
        }

        assertThat(smallBatches.recordOnce()).isEqualTo(5);
        assertThat(smallBatches.recordOnce()).isZero();

        assertThat(smallBatches.popular(1, 10)).containsExactly(sold(pen, 5));
    }

    @Test
    void counts_only_completed_orders() {
        UserId broke = shop.customerWith(0);
        OrderId unpaid = shop.allocate(shop.orderBy(broke).item(ink, 4));
        shop.cancel(broke, unpaid);
        shop.orderBy(ada).item(pen, 1).place();

        statistics.recordOnce();

        assertThat(shop.order(unpaid).order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statistics.popular(30, 100)).containsExactly(sold(pen, 1));
    }

    @Test
    void counts_an_order_on_the_utc_day_it_was_completed_not_the_day_it_was_placed() {
        UserId bob = shop.customerWith(0);
        shop.clock().set(Instant.parse("2026-11-24T23:55:00Z"));
        OrderId order = shop.allocate(shop.orderBy(bob).item(ink, 2));
        shop.charge(bob, 10_000);
        shop.clock().set(Instant.parse("2026-11-25T00:05:00Z"));
        shop.pay(bob, order);

        statistics.recordOnce();

        assertThat(statistics.popular(1, 10)).containsExactly(sold(ink, 2));
        shop.clock().advance(Duration.ofDays(1));
        assertThat(statistics.popular(1, 10)).isEmpty();
        assertThat(statistics.popular(2, 10)).containsExactly(sold(ink, 2));
    }

    @Test
    void takes_refunded_units_off_the_day_the_order_completed_once() {
        OrderId order = shop.orderBy(ada).item(pen, 5).item(ink, 1).place().order().id();
        statistics.recordOnce();
        shop.clock().advance(Duration.ofDays(1));

        shop.refund(order, units(pen, 2));

        assertThat(statistics.recordOnce()).isEqualTo(1);
        assertThat(statistics.recordOnce()).isZero();
        assertThat(statistics.popular(1, 10)).as("nothing was sold on the day of the refund").isEmpty();
        assertThat(statistics.popular(2, 10)).containsExactly(sold(pen, 3), sold(ink, 1));
    }

    @Test
    void a_day_and_product_whose_net_reaches_zero_drops_out_of_the_ranking() {
        OrderId order = shop.orderBy(ada).item(pen, 2).item(ink, 1).place().order().id();
        shop.orderBy(ada).item(ink, 1).place();
        statistics.recordOnce();

        shop.refund(order, units(pen, 2));
        statistics.recordOnce();

        assertThat(statistics.popular(1, 10)).containsExactly(sold(ink, 2));
        shop.refundAll(order);
        statistics.recordOnce();
        assertThat(statistics.popular(1, 10)).containsExactly(sold(ink, 1));
    }

    @Test
    void a_completion_and_its_refund_in_one_batch_net_out() {
        OrderId order = shop.orderBy(ada).item(pen, 4).place().order().id();
        shop.refund(order, units(pen, 1));
        shop.refundAll(order);

        assertThat(statistics.recordOnce()).isEqualTo(3);

        assertThat(statistics.popular(30, 10)).isEmpty();
        assertThat(cursor().position().eventId()).isEqualTo(List.copyOf(shop.storage().eventsById().keySet()).getLast());
    }

    @Test
    void takes_days_in_utc_whatever_the_zone_of_the_clock() {
        Clock seoul = shop.clock().withZone(ZoneId.of("Asia/Seoul"));
        RecordSalesStatistics inSeoul = statistics(10, seoul);
        shop.clock().set(Instant.parse("2026-11-24T20:00:00Z"));
        shop.orderBy(ada).item(pen, 1).place();
        shop.clock().set(Instant.parse("2026-11-24T23:30:00Z"));

        inSeoul.recordOnce();

        assertThat(inSeoul.popular(1, 10)).as("it is still the 24th in UTC, the 25th in Seoul").containsExactly(sold(pen, 1));
    }

    @Test
    void ranks_best_sellers_first_with_ties_by_product_id_and_cuts_at_the_limit() {
        ProductId cap = shop.product(300, 100);
        ProductId pad = shop.product(200, 100);
        shop.orderBy(ada).item(pad, 3).item(cap, 1).place();
        shop.orderBy(ada).item(ink, 5).place();
        shop.orderBy(ada).item(pen, 3).place();

        statistics.recordOnce();

        assertThat(statistics.popular(7, 10)).containsExactly(sold(ink, 5), sold(pen, 3), sold(pad, 3), sold(cap, 1));
        assertThat(statistics.popular(7, 2)).containsExactly(sold(ink, 5), sold(pen, 3));
    }

    @Test
    void names_each_popular_product() {
        shop.orderBy(ada).item(ink, 1).place();

        statistics.recordOnce();

        assertThat(statistics.popular(1, 1)).singleElement().satisfies(popular -> {
            assertThat(popular.name()).isEqualTo(shop.productView(ink).product().name());
            assertThat(popular.name()).isNotBlank();
        });
    }

    @Test
    void looks_back_the_given_number_of_days_including_today() {
        shop.orderBy(ada).item(pen, 1).place();
        shop.clock().advance(Duration.ofDays(1));
        shop.orderBy(ada).item(pen, 10).place();
        shop.clock().advance(Duration.ofDays(1));
        shop.orderBy(ada).item(pen, 50).place();
        shop.clock().advance(Duration.ofDays(1));
        shop.orderBy(ada).item(ink, 7).place();

        statistics.recordOnce();

        assertThat(statistics.popular(1, 10)).containsExactly(sold(ink, 7));
        assertThat(statistics.popular(3, 10)).as("the order of three days ago is out").containsExactly(sold(pen, 60), sold(ink, 7));
        assertThat(statistics.popular(4, 10)).containsExactly(sold(pen, 61), sold(ink, 7));
        shop.clock().advance(Duration.ofDays(30));
        assertThat(statistics.popular(30, 10)).isEmpty();
    }

    @Test
    void refuses_a_window_outside_one_to_thirty_days_naming_the_field() {
        assertThat(field(() -> statistics.popular(0, 10))).isEqualTo("days");
        assertThat(field(() -> statistics.popular(31, 10))).isEqualTo("days");
        assertThat(statistics.popular(1, 10)).isEmpty();
        assertThat(statistics.popular(30, 10)).isEmpty();
    }

    @Test
    void refuses_a_limit_outside_one_to_a_hundred_naming_the_field() {
        assertThat(field(() -> statistics.popular(7, 0))).isEqualTo("limit");
        assertThat(field(() -> statistics.popular(7, 101))).isEqualTo("limit");
        assertThat(statistics.popular(7, 1)).isEmpty();
        assertThat(statistics.popular(7, 100)).isEmpty();
    }

    // --- fixtures

    private RecordSalesStatistics statistics(int batchSize, Clock clock) {
        return new RecordSalesStatistics(shop.ports().transactions(), ports.feed(), ports.cursors(), ports.productSales(),
                batchSize, clock);
    }

    private PopularProduct sold(ProductId product, long quantity) {
        return new PopularProduct(product, shop.productView(product).product().name(), quantity);
    }

    private RelayCursor cursor() {
        return shop.ports().transactions().inTransaction(() -> ports.cursors().get(RecordSalesStatistics.CONSUMER));
    }

    private static String field(ThrowingCallable call) {
        return ((InvalidInputException) failsWith(ErrorCode.VALIDATION_FAILED, call)).field();
    }
}
