package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.RESERVATION_TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExpireReservationsTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 500);
    private final UserId ada = shop.customerWith(0);

    @Test
    void leaves_a_reservation_younger_than_the_ttl_alone() {
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.clock().advance(RESERVATION_TTL.minusSeconds(1));

        assertThat(expireDue()).isZero();

        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.stockOf(pen)).isEqualTo(498);
    }

    @Test
    void cancels_a_reservation_once_the_ttl_is_up_and_gives_its_stock_back() {
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.clock().advance(RESERVATION_TTL);

        assertThat(expireDue()).isEqualTo(1);

        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stockOf(pen)).isEqualTo(500);
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void leaves_paid_and_cancelled_orders_alone() {
        UserId bob = shop.customer();
        OrderId paid = shop.orderBy(bob).item(pen, 1).place().order().id();
        OrderId cancelled = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.cancel(ada, cancelled);
        OrderId unpaid = shop.allocate(shop.orderBy(ada).item(pen, 4));
        shop.clock().advance(Duration.ofHours(1));

        assertThat(expireDue()).isEqualTo(1);

        assertThat(statusOf(paid)).isEqualTo(OrderStatus.COMPLETED);
        assertThat(statusOf(cancelled)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf(unpaid)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stockOf(pen)).isEqualTo(499);
        assertThat(shop.events()).hasSize(1);
    }

    @Test
    void expires_only_the_reservations_that_are_due() {
        OrderId older = shop.allocate(shop.orderBy(ada).item(pen, 1));
        shop.clock().advance(Duration.ofMinutes(10));
        OrderId younger = shop.allocate(shop.orderBy(ada).item(pen, 1));
        shop.clock().advance(Duration.ofMinutes(5));

        assertThat(expireDue()).isEqualTo(1);

        assertThat(statusOf(older)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf(younger)).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.stockOf(pen)).isEqualTo(499);
    }

    @Test
    void never_pays_an_expired_order() {
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.clock().advance(RESERVATION_TTL);
        expireDue();
        shop.charge(ada, 10_000);

        failsWith(ErrorCode.ORDER_NOT_PAYABLE, () -> shop.pay(ada, orderId));

        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stockOf(pen)).isEqualTo(500);
    }

    @Test
    void expires_more_than_one_batch_in_one_run_and_nothing_on_the_next() {
        List<OrderId> orders = IntStream.range(0, ExpireReservations.BATCH_SIZE + 1)
                .mapToObj(i -> shop.allocate(shop.orderBy(ada).item(pen, 1))).toList();
        shop.clock().advance(RESERVATION_TTL);

        assertThat(expireDue()).isEqualTo(ExpireReservations.BATCH_SIZE + 1);
        assertThat(expireDue()).isZero();

        assertThat(orders).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo(OrderStatus.CANCELLED));
        assertThat(shop.stockOf(pen)).isEqualTo(500);
    }

    @Test
    void an_order_that_cannot_be_expired_is_reported_once_and_never_holds_up_the_others() {
        ProductId broken = shop.product(1_000, 500);
        OrderId stuck = shop.allocate(shop.orderBy(ada).item(broken, 1));
        OrderId later = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.clock().advance(RESERVATION_TTL);
        ExpireReservations expiry = expiryWhoseStockRefusesToTakeBack(broken);

        ExpiryReport first = expiry.expireDue();
        ExpiryReport second = expiry.expireDue();

        assertThat(first.expired()).isEqualTo(1);
        assertThat(first.newFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.orderId()).isEqualTo(stuck);
            assertThat(failure.cause()).hasMessageContaining("product " + broken);
        });
        assertThat(first.failing()).isEqualTo(1);
        assertThat(second.newFailures()).as("reported once").isEmpty();
        assertThat(second.failing()).isEqualTo(1);
        assertThat(statusOf(stuck)).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(statusOf(later)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stockOf(pen)).isEqualTo(500);
        assertThat(shop.engine().orders().expireReservations().expireDue().expired()).as("once it can, it expires").isEqualTo(1);
        assertThat(statusOf(stuck)).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void more_failing_orders_than_one_batch_still_let_every_later_order_expire() {
        ProductId broken = shop.product(1_000, 500);
        List<OrderId> stuck = IntStream.range(0, ExpireReservations.BATCH_SIZE + 5)
                .mapToObj(i -> shop.allocate(shop.orderBy(ada).item(broken, 1))).toList();
        OrderId later = shop.allocate(shop.orderBy(ada).item(pen, 2));
        shop.clock().advance(RESERVATION_TTL);

        ExpiryReport report = expiryWhoseStockRefusesToTakeBack(broken).expireDue();

        assertThat(report.expired()).isEqualTo(1);
        assertThat(report.newFailures()).extracting(ExpiryReport.Failure::orderId).containsExactlyElementsOf(stuck);
        assertThat(statusOf(later)).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refuses_a_reservation_ttl_that_is_not_positive() {
        assertThatThrownBy(() -> new OrderEngine(shop.ports(), shop.clock(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderEngine(shop.ports(), shop.clock(), Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** The engine's expiry over the shop's storage, except that stock given back to {@code product} fails. */
    private ExpireReservations expiryWhoseStockRefusesToTakeBack(ProductId product) {
        EnginePorts ports = shop.ports();
        StockReservations stock = new StockReservations() {
            @Override
            public void reserve(List<StockLine> lines) {
                ports.stock().reserve(lines);
            }

            @Override
            public void release(List<StockLine> lines) {
                if (lines.stream().anyMatch(line -> line.productId().equals(product))) {
                    throw new IllegalStateException("cannot give stock back to product " + product);
                }
                ports.stock().release(lines);
            }

            @Override
            public void set(ProductId productId, int quantity) {
                ports.stock().set(productId, quantity);
            }

            @Override
            public Map<ProductId, Long> available(Collection<ProductId> productIds) {
                return ports.stock().available(productIds);
            }
        };
        return shop.engineWithStock(stock).orders().expireReservations();
    }

    private int expireDue() {
        return shop.engine().orders().expireReservations().expireDue().expired();
    }

    private OrderStatus statusOf(OrderId id) {
        return shop.order(id).order().status();
    }
}
