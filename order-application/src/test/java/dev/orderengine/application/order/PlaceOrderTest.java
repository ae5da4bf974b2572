package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.OrderRequest;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.balance.BalanceChange;
import dev.orderengine.domain.balance.BalanceChangeType;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponStatus;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {

    private final Shop shop = new Shop();

    @Test
    void places_and_pays_an_order_in_one_request() {
        UserId ada = shop.customerWith(10_000);
        ProductId pen = shop.product(1_500, 10);
        ProductId ink = shop.product(700, 5);

        Order order = shop.orderBy(ada).item(pen, 2).item(ink, 3).place().order();

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.userId()).isEqualTo(ada);
        assertThat(order.lines()).containsExactly(new OrderLine(pen, 2, won(1_500)), new OrderLine(ink, 3, won(700)));
        assertThat(order.originalAmount()).isEqualTo(won(5_100));
        assertThat(order.discountAmount()).isEqualTo(won(0));
        assertThat(order.totalAmount()).isEqualTo(won(5_100));
        assertThat(order.couponId()).isEmpty();
        assertThat(order.completedAt()).contains(OPENING);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
        assertThat(shop.stockOf(ink)).isEqualTo(2);
        assertThat(shop.balanceOf(ada)).isEqualTo(won(4_900));
        assertThat(shop.historyOf(ada).getFirst()).isEqualTo(
                new BalanceChange(ada, BalanceChangeType.USE, won(5_100), won(4_900), Optional.of(order.id()), OPENING));
    }

    @Test
    void records_the_successful_payment_and_one_completed_event_with_the_order_as_stored() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(1_000, 10);

        OrderView placed = shop.orderBy(ada).item(pen, 3).place();

        OrderView stored = shop.order(placed.order().id());
        assertThat(stored.order().snapshot()).isEqualTo(placed.order().snapshot());
        assertThat(stored.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(payment.amount()).isEqualTo(won(3_000));
            assertThat(payment.failureCode()).isEmpty();
            assertThat(stored.order().paymentId()).contains(payment.id());
        });
        assertThat(shop.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(OrderEventType.ORDER_COMPLETED);
            assertThat(event.orderId()).isEqualTo(placed.order().id());
            assertThat(event.snapshot()).isEqualTo(stored.order().snapshot());
            assertThat(event.occurredAt()).isEqualTo(OPENING);
        });
    }

    @Test
    void takes_the_coupon_discount_off_the_total() {
        UserId ada = shop.customerWith(10_000);
        ProductId pen = shop.product(1_000, 10);
        CouponId coupon = shop.couponFor(ada, 300);

        Order order = shop.orderBy(ada).item(pen, 2).coupon(coupon).place().order();

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.couponId()).contains(coupon);
        assertThat(order.originalAmount()).isEqualTo(won(2_000));
        assertThat(order.discountAmount()).isEqualTo(won(300));
        assertThat(order.totalAmount()).isEqualTo(won(1_700));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_300));
        assertThat(shop.couponOf(ada, coupon).status()).isEqualTo(CouponStatus.USED);
        assertThat(shop.couponOf(ada, coupon).coupon().usedOn()).contains(order.id());
        assertThat(shop.paymentsOf(order.id())).extracting(Payment::amount).containsExactly(won(1_700));
        assertThat(shop.events()).extracting(OrderEvent::snapshot)
                .singleElement().satisfies(snapshot -> {
                    assertThat(snapshot.couponId()).contains(coupon);
                    assertThat(snapshot.discountAmount()).isEqualTo(won(300));
                    assertThat(snapshot.totalAmount()).isEqualTo(won(1_700));
                });
    }

    @Test
    void a_discount_larger_than_the_order_makes_it_free_without_touching_the_balance() {
        UserId ada = shop.customerWith(0);
        ProductId pen = shop.product(1_000, 10);
        CouponId coupon = shop.couponFor(ada, 5_000);

        Order order = shop.orderBy(ada).item(pen, 1).coupon(coupon).place().order();

        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.originalAmount()).isEqualTo(won(1_000));
        assertThat(order.discountAmount()).isEqualTo(won(1_000));
        assertThat(order.totalAmount()).isEqualTo(won(0));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(0));
        assertThat(shop.paymentsOf(order.id())).singleElement()
                .satisfies(payment -> assertThat(payment.amount()).isEqualTo(won(0)));
        assertThat(shop.statusOf(ada, coupon)).isEqualTo(CouponStatus.USED);
        assertThat(shop.stockOf(pen)).isEqualTo(9);
    }

    @Test
    void keeps_the_unit_price_of_order_time_when_the_catalogue_price_changes_before_payment() {
        UserId ada = shop.customerWith(0);
        ProductId pen = shop.product(1_000, 10);
        OrderId orderId = shop.allocate(shop.orderBy(ada).item(pen, 2));

        shop.reprice(pen, 1_800);
        shop.charge(ada, 10_000);
        Order paid = shop.pay(ada, orderId).order();

        assertThat(paid.lines()).containsExactly(new OrderLine(pen, 2, won(1_000)));
        assertThat(paid.totalAmount()).isEqualTo(won(2_000));
        assertThat(shop.balanceOf(ada)).isEqualTo(won(8_000));
        assertThat(shop.events().getFirst().snapshot().items())
                .extracting(OrderSnapshot.Item::unitPrice).containsExactly(won(1_000));
    }

    @Test
    void a_new_order_pays_the_new_catalogue_price() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(1_000, 10);
        shop.reprice(pen, 1_200);

        Order order = shop.orderBy(ada).item(pen, 1).place().order();

        assertThat(order.lines()).containsExactly(new OrderLine(pen, 1, won(1_200)));
    }

    @Test
    void an_order_may_take_the_last_unit_in_stock() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(1_000, 2);

        shop.orderBy(ada).item(pen, 2).place();

        assertThat(shop.stockOf(pen)).isZero();
    }

    @Test
    void refuses_an_order_when_one_line_is_out_of_stock_and_takes_no_stock_at_all() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(100, 10);
        ProductId ink = shop.product(100, 1);
        ProductId pad = shop.product(100, 10);

        DomainException refused = failsWith(ErrorCode.OUT_OF_STOCK,
                () -> shop.orderBy(ada).item(pen, 2).item(ink, 2).item(pad, 2).place());

        assertThat(refused.detail()).contains("product " + ink);
        assertThat(refused.orderId()).isEmpty();
        assertThat(shop.storage().stockLevels()).isEqualTo(Map.of(pen, 10L, ink, 1L, pad, 10L));
        assertNothingOrderedBy(ada);
    }

    @Test
    void refuses_an_unknown_product_and_takes_no_stock() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(100, 10);

        DomainException refused = failsWith(ErrorCode.PRODUCT_NOT_FOUND,
                () -> shop.orderBy(ada).item(pen, 1).item(new ProductId(999), 1).place());

        assertThat(refused.detail()).contains("999");
        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertNothingOrderedBy(ada);
    }

    @Test
    void refuses_a_product_withdrawn_from_sale() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(100, 10);
        ProductId retired = shop.discontinuedProduct(100, 10);

        failsWith(ErrorCode.PRODUCT_NOT_ON_SALE, () -> shop.orderBy(ada).item(pen, 1).item(retired, 1).place());

        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.stockOf(retired)).isEqualTo(10);
        assertNothingOrderedBy(ada);
    }

    @Test
    void refuses_an_unknown_user() {
        ProductId pen = shop.product(100, 10);

        failsWith(ErrorCode.USER_NOT_FOUND, () -> shop.orderBy(new UserId(999)).item(pen, 1).place());

        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void refuses_an_inactive_user() {
        UserId suspended = shop.inactiveCustomer();
        ProductId pen = shop.product(100, 10);

        failsWith(ErrorCode.USER_INACTIVE, () -> shop.orderBy(suspended).item(pen, 1).place());

        assertThat(shop.stockOf(pen)).isEqualTo(10);
        assertNothingOrderedBy(suspended);
    }

    @Test
    void refuses_an_order_without_lines() {
        UserId ada = shop.customer();

        assertInvalid("items", () -> shop.orderBy(ada).place());
    }

    @Test
    void refuses_more_than_fifty_lines_and_accepts_fifty() {
        UserId ada = shop.customerWith(1_000);
        List<ProductId> products = IntStream.range(0, 51).mapToObj(i -> shop.product(10, 5)).toList();
        OrderRequest fiftyOne = shop.orderBy(ada);
        products.forEach(product -> fiftyOne.item(product, 1));
        OrderRequest fifty = shop.orderBy(ada);
        products.subList(0, 50).forEach(product -> fifty.item(product, 1));

        assertInvalid("items", fiftyOne::place);
        assertThat(products).allSatisfy(product -> assertThat(shop.stockOf(product)).isEqualTo(5));

        assertThat(fifty.place().order().lines()).hasSize(50);
    }

    @Test
    void refuses_the_same_product_on_two_lines() {
        UserId ada = shop.customer();
        ProductId pen = shop.product(100, 10);

        assertInvalid("items", () -> shop.orderBy(ada).item(pen, 1).item(pen, 2).place());
        assertThat(shop.stockOf(pen)).isEqualTo(10);
    }

    @Test
    void refuses_a_quantity_outside_one_to_a_thousand() {
        ProductId pen = new ProductId(1);

        assertInvalid("items.quantity", () -> new OrderItem(pen, 0));
        assertInvalid("items.quantity", () -> new OrderItem(pen, 1_001));
        assertInvalid("items.quantity", () -> new OrderItem(pen, -1));
    }

    @Test
    void accepts_a_thousand_units_on_one_line() {
        UserId ada = shop.customerWith(1_000);
        ProductId screw = shop.product(1, 1_000);

        Order order = shop.orderBy(ada).item(screw, 1_000).place().order();

        assertThat(order.totalAmount()).isEqualTo(won(1_000));
        assertThat(shop.stockOf(screw)).isZero();
    }

    private void assertNothingOrderedBy(UserId user) {
        assertThat(shop.engine().orders().queries().ordersOf(user, new PageRequest(0, 100)).items()).isEmpty();
        assertThat(shop.events()).isEmpty();
        assertThat(shop.historyOf(user)).allSatisfy(change -> assertThat(change.type()).isEqualTo(BalanceChangeType.CHARGE));
    }

    private static void assertInvalid(String field, ThrowingCallable call) {
        assertThat(failsWith(ErrorCode.VALIDATION_FAILED, call))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }
}
