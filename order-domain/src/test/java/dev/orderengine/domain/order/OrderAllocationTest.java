package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertNotFound;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import org.junit.jupiter.api.Test;

class OrderAllocationTest {

    private final Shop shop = new Shop()
            .sells(1, "10.50", 5)
            .sells(2, "3.00", 2);

    @Test
    void takes_the_stock_of_every_line_and_prices_it() {
        Order order = shop.place(item(1, 2), item(2, 1));

        order.allocateStock(shop.catalogue, shop.stock, minutesLater(1));

        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(order.lines()).containsExactly(
                new OrderLine(new ProductId(1), 2, money("10.50")),
                new OrderLine(new ProductId(2), 1, money("3.00")));
        assertThat(order.originalAmount()).isEqualTo(money("24.00"));
        assertThat(order.discountAmount()).isEqualTo(Money.ZERO);
        assertThat(order.totalAmount()).isEqualTo(money("24.00"));
        assertThat(order.updatedAt()).isEqualTo(minutesLater(1));
        assertThat(shop.stock.of(1)).isEqualTo(3);
        assertThat(shop.stock.of(2)).isEqualTo(1);
    }

    @Test
    void may_take_the_last_unit() {
        Order order = shop.allocated(item(2, 2));

        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.stock.of(2)).isZero();
    }

    @Test
    void refuses_a_product_that_does_not_exist_and_takes_nothing() {
        Order order = shop.place(item(1, 1), item(99, 1));

        assertNotFound(() -> order.allocateStock(shop.catalogue, shop.stock, minutesLater(1)), ErrorCode.PRODUCT_NOT_FOUND);
        assertStillReady(order);
        assertThat(shop.stock.of(1)).isEqualTo(5);
    }

    @Test
    void refuses_a_product_not_on_sale_and_takes_nothing() {
        shop.discontinues(2);
        Order order = shop.place(item(1, 1), item(2, 1));

        assertRejected(() -> order.allocateStock(shop.catalogue, shop.stock, minutesLater(1)), ErrorCode.PRODUCT_NOT_ON_SALE);
        assertStillReady(order);
        assertThat(shop.stock.of(1)).isEqualTo(5);
        assertThat(shop.stock.of(2)).isEqualTo(2);
    }

    @Test
    void out_of_stock_leaves_the_order_ready_and_the_stock_untouched() {
        Order order = shop.place(item(1, 1), item(2, 3));

        assertRejected(() -> order.allocateStock(shop.catalogue, shop.stock, minutesLater(1)), ErrorCode.OUT_OF_STOCK);
        assertStillReady(order);
        assertThat(shop.stock.of(1)).isEqualTo(5);
        assertThat(shop.stock.of(2)).isEqualTo(2);
    }

    @Test
    void keeps_the_price_of_allocation_time_when_the_product_price_changes_later() {
        Order order = shop.allocated(item(1, 2));

        shop.reprices(1, "99.99");

        assertThat(order.lines()).containsExactly(new OrderLine(new ProductId(1), 2, money("10.50")));
        assertThat(order.originalAmount()).isEqualTo(money("21.00"));
        assertThat(order.snapshot().items().get(0).unitPrice()).isEqualTo(money("10.50"));
    }

    @Test
    void prices_with_the_catalogue_at_allocation_not_at_placement() {
        Order order = shop.place(item(1, 2));
        shop.reprices(1, "11.00");

        order.allocateStock(shop.catalogue, shop.stock, minutesLater(1));

        assertThat(order.lines()).containsExactly(new OrderLine(new ProductId(1), 2, money("11.00")));
        assertThat(order.originalAmount()).isEqualTo(money("22.00"));
    }

    @Test
    void refuses_to_take_stock_a_second_time() {
        Order order = shop.allocated(item(1, 2));

        assertRejected(() -> order.allocateStock(shop.catalogue, shop.stock, minutesLater(1)), ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(shop.stock.of(1)).isEqualTo(3);
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
    }

    @Test
    void a_cancelled_order_takes_no_stock() {
        Order order = shop.place(item(1, 2));
        order.cancel(minutesLater(1));

        assertRejected(() -> order.allocateStock(shop.catalogue, shop.stock, minutesLater(2)), ErrorCode.ORDER_NOT_PAYABLE);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shop.stock.of(1)).isEqualTo(5);
    }

    private static void assertStillReady(Order order) {
        assertThat(order.status()).isEqualTo(OrderStatus.READY);
        assertThat(order.lines()).isEmpty();
        assertThat(order.originalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.totalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.updatedAt()).isEqualTo(order.createdAt());
    }
}
