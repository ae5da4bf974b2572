package dev.orderengine.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderengine.application.inmemory.InMemoryPorts;
import dev.orderengine.application.order.CancelOrderCommand;
import dev.orderengine.application.order.OrderView;
import dev.orderengine.application.order.PayOrderCommand;
import dev.orderengine.application.order.PlaceOrderCommand;
import dev.orderengine.application.product.ListProductCommand;
import dev.orderengine.application.user.ChargeBalanceCommand;
import dev.orderengine.application.user.RegisterUserCommand;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's "Embedding" example, kept compiling and passing: wire the engine, then place, pay and cancel orders. */
class EmbeddingExampleTest {

    @Test
    void an_embedding_service_places_pays_and_cancels_orders() {
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
        // EMBEDDING-EXAMPLE-END

        assertThat(paid.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
        assertThat(engine.orders().queries().order(unpaid).order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paidLater.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(engine.products().product(tea).stock()).isEqualTo(5);
        assertThat(engine.users().queries().balance(ada).amount()).isEqualTo(Money.of(2_500));
    }

    private static PlaceOrderCommand order(UserId customer, ProductId product, int quantity) {
        return new PlaceOrderCommand(customer, List.of(new OrderItem(product, quantity)), Optional.empty(), Optional.empty());
    }
}
