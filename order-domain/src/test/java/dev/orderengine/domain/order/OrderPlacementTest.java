package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.ORDER;
import static dev.orderengine.domain.Fixtures.item;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.Fixtures;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

    @Test
    void places_a_ready_order_that_holds_nothing_yet() {
        Order order = Order.place(ORDER, Fixtures.customer(), List.of(item(1, 2), item(2, 1)), NOW);

        assertThat(order.id()).isEqualTo(ORDER);
        assertThat(order.userId()).isEqualTo(CUSTOMER);
        assertThat(order.status()).isEqualTo(OrderStatus.READY);
        assertThat(order.items()).containsExactly(item(1, 2), item(2, 1));
        assertThat(order.lines()).isEmpty();
        assertThat(order.originalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.discountAmount()).isEqualTo(Money.ZERO);
        assertThat(order.totalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.couponId()).isEmpty();
        assertThat(order.paymentId()).isEmpty();
        assertThat(order.completedAt()).isEmpty();
        assertThat(order.createdAt()).isEqualTo(NOW);
        assertThat(order.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void refuses_an_inactive_customer() {
        assertRejected(() -> Order.place(ORDER, Fixtures.inactiveCustomer(), List.of(item(1, 1)), NOW),
                ErrorCode.USER_INACTIVE);
    }

    @Test
    void refuses_an_order_without_lines() {
        assertInvalid(() -> Order.place(ORDER, Fixtures.customer(), List.of(), NOW), "items");
        assertInvalid(() -> Order.place(ORDER, Fixtures.customer(), null, NOW), "items");
    }

    @Test
    void accepts_fifty_lines() {
        assertThat(Order.place(ORDER, Fixtures.customer(), lines(Order.MAX_LINES), NOW).items()).hasSize(50);
    }

    @Test
    void refuses_more_than_fifty_lines() {
        assertInvalid(() -> Order.place(ORDER, Fixtures.customer(), lines(Order.MAX_LINES + 1), NOW), "items");
    }

    @Test
    void refuses_the_same_product_on_two_lines() {
        assertInvalid(() -> Order.place(ORDER, Fixtures.customer(), List.of(item(1, 1), item(2, 1), item(1, 3)), NOW),
                "items");
    }

    @Test
    void a_line_asks_for_one_to_a_thousand_units() {
        assertThat(item(1, 1).quantity()).isEqualTo(1);
        assertThat(item(1, OrderItem.MAX_QUANTITY).quantity()).isEqualTo(1000);
        assertInvalid(() -> item(1, 0), "items.quantity");
        assertInvalid(() -> item(1, -1), "items.quantity");
        assertInvalid(() -> item(1, OrderItem.MAX_QUANTITY + 1), "items.quantity");
    }

    @Test
    void keeps_its_own_unmodifiable_copy_of_the_items() {
        List<OrderItem> items = new ArrayList<>(List.of(item(1, 1)));
        Order order = Order.place(ORDER, Fixtures.customer(), items, NOW);
        items.add(item(2, 1));

        assertThat(order.items()).containsExactly(item(1, 1));
        assertThatThrownBy(() -> order.items().add(item(3, 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_order_line_costs_its_unit_price_times_its_quantity() {
        assertThat(new OrderLine(new ProductId(1), 3, money("19.99")).totalPrice()).isEqualTo(money("59.97"));
    }

    @Test
    void an_order_line_holds_one_to_a_thousand_units() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderLine(new ProductId(1), 0, money("1")));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderLine(new ProductId(1), 1001, money("1")));
    }

    private static List<OrderItem> lines(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(id -> item(id, 1)).toList();
    }
}
