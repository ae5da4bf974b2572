package dev.orderengine.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderengine.application.inmemory.InMemoryPorts;
import dev.orderengine.application.order.CancelOrderCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.order.RefundOrderCommand;
import dev.orderengine.application.order.RefundView;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Embedding" example, kept compiling and passing: wire the engine, then place, pay, cancel and refund orders. */
class EmbeddingExampleTest {

    @Test
    void an_embedding_service_places_pays_cancels_and_refunds_orders() {
        // EMBEDDING-EXAMPLE-START
        OrderEngine engine = new OrderEngine(InMemoryPorts.create(), Clock.systemUTC(), Duration.ofMinutes(15));
        UserId ada = engine.users().registerUser().register(new RegisterUserCommand("Ada")).id();
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(ada, Money.of(5_000), Optional.empty()));
        ProductId tea = engine.products().list(new ListProductCommand("Tea", null, Money.of(1_500), 10)).product().id();

        // One call takes the stock, pays from the balance and completes the order.
        OrderView paid = engine.orders().placeOrder().place(order(ada, tea, 2));

        // Too dear for what is left: the stock stays held and the refusal names the order ...
        DomainException refused = catchThrowableOfType(DomainException.class, () -> engine.orders().placeOrder().place(order(ada, tea, 3)));
        OrderId unpaid = new OrderId(refused.orderId().orElseThrow());
        // ... which the customer may cancel (its stock comes back) ...
        engine.orders().cancelOrder().cancel(new CancelOrderCommand(unpaid, ada));
        // ... or pay later, after a charge.
        OrderId again = new OrderId(catchThrowableOfType(DomainException.class,
                () -> engine.orders().placeOrder().place(order(ada, tea, 3))).orderId().orElseThrow());
        engine.users().chargeBalance().charge(new ChargeBalanceCommand(ada, Money.of(5_000), Optional.empty()));
        OrderView paidLater = engine.orders().payOrder().pay(new PayOrderCommand(again, ada, Optional.empty(), Optional.empty()));
        // The shop refunds one unit of the first order: the tea goes back to stock, 1,500 back to the balance.
        RefundView refunded = engine.orders().refundOrder().refund(new RefundOrderCommand(paid.order().id(),
                Optional.of(List.of(new RefundLine(tea, 1))), Optional.of("damaged box"), true, Optional.empty()));
        // EMBEDDING-EXAMPLE-END

        assertThat(paid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(engine.orders().queries().order(unpaid).order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paidLater.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(refunded.order().order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(refunded.refund().amount()).isEqualTo(Money.of(1_500));
        assertThat(engine.products().product(tea).stock()).isEqualTo(6);
        assertThat(engine.users().queries().balance(ada).amount()).isEqualTo(Money.of(4_000));
    }

    @Test
    void the_readme_shows_this_example_as_it_is() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/orderengine/application/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// EMBEDDING-EXAMPLE-START\n") + "// EMBEDDING-EXAMPLE-START\n".length(),
                source.indexOf("        // EMBEDDING-EXAMPLE-END"));
        String unindented = example.lines().map(line -> line.replaceFirst("^ {8}", "")).collect(Collectors.joining("\n", "", "\n"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(unindented);
    }

    private static PlaceOrderCommand order(UserId customer, ProductId product, int quantity) {
        return new PlaceOrderCommand(customer, List.of(new OrderItem(product, quantity)), Optional.empty(), Optional.empty());
    }
}
