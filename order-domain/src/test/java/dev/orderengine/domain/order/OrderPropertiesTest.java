package dev.orderengine.domain.order;

import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.Fixtures;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class OrderPropertiesTest {

    /** One line of a random valid order: a distinct product, its quantity and its catalogue price. */
    record Line(long productId, int quantity, Money price) {

        OrderItem item() {
            return Fixtures.item(productId, quantity);
        }
    }

    @Provide
    Arbitrary<List<Line>> orders() {
        Arbitrary<Long> productIds = Arbitraries.longs().between(1, 10_000);
        Arbitrary<Integer> quantities = Arbitraries.integers().between(1, OrderItem.MAX_QUANTITY);
        Arbitrary<Money> prices = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), Product.MAX_PRICE.amount())
                .ofScale(2)
                .map(Money::new);
        return Combinators.combine(productIds, quantities, prices).as(Line::new)
                .list().ofMinSize(1).ofMaxSize(Order.MAX_LINES).uniqueElements(Line::productId);
    }

    /** Small coupons as well as the largest a campaign may grant. */
    @Provide
    Arbitrary<Money> discounts() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(2),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, CouponSource.MAX_DISCOUNT.amount()).ofScale(2))
                .map(Money::new);
    }

    @Property
    void original_amount_is_the_sum_of_the_line_totals(@ForAll("orders") List<Line> lines) {
        Shop shop = shopSelling(lines, 0);

        Order order = shop.allocated(items(lines));

        BigDecimal expected = lines.stream()
                .map(line -> line.price().amount().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(order.originalAmount().amount()).isEqualByComparingTo(expected);
        assertThat(order.lines().stream().map(OrderLine::totalPrice).reduce(Money.ZERO, Money::plus))
                .isEqualTo(order.originalAmount());
        assertThat(order.totalAmount()).isEqualTo(order.originalAmount());
        assertThat(lines).allSatisfy(line -> assertThat(shop.stock.of(line.productId())).isZero());
    }

    @Property
    void amount_due_plus_the_capped_discount_is_the_original_amount(@ForAll("orders") List<Line> lines,
                                                                     @ForAll("discounts") Money discount) {
        Order order = shopSelling(lines, 0).allocated(items(lines));
        Money original = order.originalAmount();

        assertThat(order.amountDue(discount).plus(discount.min(original))).isEqualTo(original);

        order.complete(paymentOf(order, discount), Optional.empty(), discount, minutesLater(1));

        assertThat(order.discountAmount()).isEqualTo(discount.min(original));
        assertThat(order.totalAmount().plus(order.discountAmount())).isEqualTo(original);
    }

    @Property
    void a_discount_beyond_the_original_amount_leaves_nothing_due(@ForAll("orders") List<Line> lines,
                                                                  @ForAll("discounts") Money extra) {
        Order order = shopSelling(lines, 0).allocated(items(lines));
        Money discount = order.originalAmount().plus(extra);

        order.complete(paymentOf(order, discount), Optional.empty(), discount, minutesLater(1));

        assertThat(order.totalAmount()).isEqualTo(Money.ZERO);
        assertThat(order.discountAmount()).isEqualTo(order.originalAmount());
    }

    @Property
    void cancelling_gives_back_exactly_what_allocation_took(@ForAll("orders") List<Line> lines,
                                                            @ForAll @IntRange(max = 5) int spare) {
        Shop shop = shopSelling(lines, spare);
        Order order = shop.allocated(items(lines));

        shop.stock.release(order.cancel(minutesLater(1)));

        assertThat(lines).allSatisfy(line -> assertThat(shop.stock.of(line.productId())).isEqualTo(line.quantity() + spare));
    }

    @Property
    void one_short_line_takes_nothing_and_leaves_the_order_ready(@ForAll("orders") List<Line> lines,
                                                                 @ForAll @IntRange(max = Order.MAX_LINES - 1) int shortIndex) {
        Shop shop = shopSelling(lines, 0);
        Line shortLine = lines.get(shortIndex % lines.size());
        shop.stock.set(new ProductId(shortLine.productId()), shortLine.quantity() - 1);
        Order order = shop.place(items(lines));

        assertRejected(() -> order.allocateStock(shop.catalogue, shop.stock, NOW), ErrorCode.OUT_OF_STOCK);

        assertThat(order.status()).isEqualTo(OrderStatus.READY);
        assertThat(order.lines()).isEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(shop.stock.of(line.productId()))
                .isEqualTo(line == shortLine ? line.quantity() - 1 : line.quantity()));
    }

    private static Shop shopSelling(List<Line> lines, int spare) {
        Shop shop = new Shop();
        lines.forEach(line -> shop.sells(line.productId(), line.price().toString(), line.quantity() + spare));
        return shop;
    }

    private static OrderItem[] items(List<Line> lines) {
        return lines.stream().map(Line::item).toArray(OrderItem[]::new);
    }
}
