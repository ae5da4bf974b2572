package dev.orderengine.domain.order;

import static dev.orderengine.domain.Fixtures.minutesLater;
import static dev.orderengine.domain.order.Shop.paymentOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The refund amount rule of SPEC §2.1 over random orders (with and without coupons, prices with cents, up to 1,000 units
 * a line) refunded in random pieces until every unit is back: the refunds add up to exactly the total, the sum never
 * passes the share of the units returned so far (nor the total) and trails it by less than a cent, none is negative,
 * and each is within a cent of its own share.
 */
class RefundAmountPropertiesTest {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    record Line(long productId, int quantity, Money price) {
    }

    @Provide
    Arbitrary<List<Line>> orders() {
        Arbitrary<Integer> quantities = Arbitraries.integers().between(1, OrderItem.MAX_QUANTITY);
        Arbitrary<Money> prices = Arbitraries.oneOf(
                        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("20")).ofScale(2),
                        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), Product.MAX_PRICE.amount()).ofScale(2))
                .map(Money::new);
        return Combinators.combine(Arbitraries.longs().between(1, 1_000), quantities, prices).as(Line::new)
                .list().ofMinSize(1).ofMaxSize(8).uniqueElements(Line::productId);
    }

    @Provide
    Arbitrary<BigDecimal> discountShares() {
        return Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO), Arbitraries.just(BigDecimal.ONE),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(4));
    }

    @Property(tries = 300)
    void refunds_in_any_pieces_add_up_to_exactly_the_total_and_each_stays_within_a_cent_of_its_share(
            @ForAll("orders") List<Line> lines, @ForAll("discountShares") BigDecimal discountShare, @ForAll long seed) {
        Order order = paidOrder(lines, discountShare);
        Random random = new Random(seed);
        List<Money> amounts = new ArrayList<>();
        Money refunded = Money.ZERO;
        Money grossSoFar = Money.ZERO;
        long refundId = 0;

        while (order.status() != OrderStatus.REFUNDED) {
            List<RefundLine> piece = randomPiece(order, random);
            Money gross = piece.stream().map(line -> priceOf(order, line.productId()).times(line.quantity())).reduce(Money.ZERO, Money::plus);
            Refund refund = order.refund(new RefundId(++refundId), Optional.of(piece), Optional.empty(), true, minutesLater(2));

            BigDecimal share = order.totalAmount().amount().multiply(gross.amount())
                    .divide(order.originalAmount().amount(), MathContext.DECIMAL128);
            assertThat(refund.amount().amount().subtract(share).abs()).as("within a cent of its share %s", share).isLessThan(CENT);
            refunded = refunded.plus(refund.amount());
            grossSoFar = grossSoFar.plus(gross);
            BigDecimal shareSoFar = order.totalAmount().amount().multiply(grossSoFar.amount())
                    .divide(order.originalAmount().amount(), MathContext.DECIMAL128);
            assertThat(refunded.amount()).as("never more than the share of the units returned so far, and less by under a cent")
                    .isLessThanOrEqualTo(shareSoFar).isGreaterThan(shareSoFar.subtract(CENT));
            assertThat(refunded).as("never more than the total").isLessThanOrEqualTo(order.totalAmount());
            amounts.add(refund.amount());
        }

        assertThat(refunded).as("refunds %s", amounts).isEqualTo(order.totalAmount());
        assertThat(order.refundedAmount()).isEqualTo(order.totalAmount());
    }

    @Property(tries = 200)
    void a_whole_refund_at_once_gives_back_exactly_the_total(@ForAll("orders") List<Line> lines,
                                                            @ForAll("discountShares") BigDecimal discountShare) {
        Order order = paidOrder(lines, discountShare);

        Refund refund = order.refund(new RefundId(1), Optional.empty(), Optional.empty(), false, minutesLater(2));

        assertThat(refund.amount()).isEqualTo(order.totalAmount());
        assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    }

    /** Some units of one to three lines that still have units to refund. */
    private static List<RefundLine> randomPiece(Order order, Random random) {
        List<OrderLine> left = new ArrayList<>(order.lines().stream().filter(line -> line.refundableQuantity() > 0).toList());
        java.util.Collections.shuffle(left, random);
        List<RefundLine> piece = new ArrayList<>();
        for (OrderLine line : left.subList(0, Math.min(left.size(), 1 + random.nextInt(3)))) {
            int units = random.nextInt(4) == 0 ? line.refundableQuantity() : 1 + random.nextInt(line.refundableQuantity());
            piece.add(new RefundLine(line.productId(), units));
        }
        return piece;
    }

    private static Money priceOf(Order order, ProductId product) {
        return order.lines().stream().filter(line -> line.productId().equals(product)).findFirst().orElseThrow().unitPrice();
    }

    private static Order paidOrder(List<Line> lines, BigDecimal discountShare) {
        Shop shop = new Shop();
        lines.forEach(line -> shop.sells(line.productId(), line.price().toString(), line.quantity()));
        Order order = shop.allocated(lines.stream().map(line -> new OrderItem(new ProductId(line.productId()), line.quantity()))
                .toArray(OrderItem[]::new));
        Money discount = new Money(order.originalAmount().amount().multiply(discountShare).setScale(2, java.math.RoundingMode.DOWN));
        order.complete(paymentOf(order, discount), Optional.empty(), discount, minutesLater(1));
        return order;
    }
}
