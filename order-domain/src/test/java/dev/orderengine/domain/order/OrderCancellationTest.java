package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderCancellationTest {

    private static final Duration TTL = Duration.ofMinutes(15);

    private final Shop shop = new Shop().sells(1, "10.00", 10).sells(2, "2.50", 10);

    @Test
    void cancelling_an_allocated_order_gives_back_the_stock_it_held() {
        Order order = shop.allocated(item(1, 3), item(2, 1));

        List<StockLine> held = order.cancel(minutesLater(5));
        shop.stock.release(held);

        assertThat(held).containsExactly(new StockLine(new ProductId(1), 3), new StockLine(new ProductId(2), 1));
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.updatedAt()).isEqualTo(minutesLater(5));
        assertThat(shop.stock.of(1)).isEqualTo(10);
        assertThat(shop.stock.of(2)).isEqualTo(10);
    }

    @Test
    void cancelling_a_ready_order_gives_back_nothing() {
        Order order = shop.place(item(1, 3));

        assertThat(order.cancel(minutesLater(5))).isEmpty();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void refuses_to_cancel_a_completed_order() {
        Order order = shop.allocated(item(1, 1));
        order.complete(paymentOf(order, Money.ZERO), Optional.empty(), Money.ZERO, minutesLater(1));

        assertRejected(() -> order.cancel(minutesLater(2)), ErrorCode.ORDER_NOT_CANCELLABLE);
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.updatedAt()).isEqualTo(minutesLater(1));
    }

    @Test
    void refuses_to_cancel_an_order_twice() {
        Order order = shop.allocated(item(1, 1));
        order.cancel(minutesLater(1));

        assertRejected(() -> order.cancel(minutesLater(2)), ErrorCode.ORDER_NOT_CANCELLABLE);
        assertThat(order.updatedAt()).isEqualTo(minutesLater(1));
    }

    @Test
    void an_allocated_reservation_expires_once_the_ttl_has_passed() {
        Order order = shop.allocated(item(1, 1));

        assertThat(order.reservationExpiredAt(NOW.plus(TTL).minusMillis(1), TTL)).isFalse();
        assertThat(order.reservationExpiredAt(NOW.plus(TTL), TTL)).isTrue();
        assertThat(order.reservationExpiredAt(NOW.plus(TTL).plusSeconds(3600), TTL)).isTrue();
    }

    @Test
    void only_an_allocated_order_can_have_an_expired_reservation() {
        Order ready = shop.place(item(1, 1));
        Order cancelled = shop.allocated(item(1, 1));
        cancelled.cancel(NOW);
        Order completed = shop.allocated(item(2, 1));
        completed.complete(paymentOf(completed, Money.ZERO), Optional.empty(), Money.ZERO, NOW);
        Instant muchLater = NOW.plus(Duration.ofDays(1));

        assertThat(ready.reservationExpiredAt(muchLater, TTL)).isFalse();
        assertThat(cancelled.reservationExpiredAt(muchLater, TTL)).isFalse();
        assertThat(completed.reservationExpiredAt(muchLater, TTL)).isFalse();
    }
}
