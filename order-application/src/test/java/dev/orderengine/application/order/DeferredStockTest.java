package dev.orderengine.application.order;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.OrderEngine;
import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placing an order checks its stock at allocation and takes it as the transaction's last write. */
class DeferredStockTest {

    private final Shop shop = new Shop();
    private final ProductId pen = shop.product(1_000, 10);

    @Test
    void takes_the_stock_after_every_other_write_of_the_order() {
        UserId ada = shop.customerWith(10_000);
        List<String> seenAtTheTake = new ArrayList<>();
        OrderEngine engine = shop.engineWithStock(new Watching(shop.ports().stock(), () -> seenAtTheTake.add(
                shop.storage().events().size() + " event, balance "
                        + shop.ports().balances().findByUser(ada).orElseThrow().amount().amount().toPlainString())));

        OrderView placed = shop.orderBy(ada, engine).item(pen, 2).place();

        assertThat(placed.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(seenAtTheTake).containsExactly("1 event, balance 8000.00");
        assertThat(shop.stockOf(pen)).isEqualTo(8);
    }

    @Test
    void a_take_that_finds_the_stock_gone_since_the_check_refuses_and_leaves_nothing() {
        UserId ada = shop.customerWith(10_000);
        OrderEngine engine = shop.engineWithStock(new Watching(shop.ports().stock(), () -> shop.ports().stock().set(pen, 1)));

        failsWith(ErrorCode.OUT_OF_STOCK, () -> shop.orderBy(ada, engine).item(pen, 2).place());

        assertThat(shop.engine().orders().queries().ordersOf(ada, new PageRequest(0, 10)).items()).isEmpty();
        assertThat(shop.balanceOf(ada)).isEqualTo(won(10_000));
        assertThat(shop.events()).isEmpty();
    }

    @Test
    void a_refused_payment_whose_take_then_finds_the_stock_gone_answers_out_of_stock_and_records_no_attempt() {
        UserId bob = shop.customerWith(100);
        OrderEngine engine = shop.engineWithStock(new Watching(shop.ports().stock(), () -> shop.ports().stock().set(pen, 1)));

        var refused = failsWith(ErrorCode.OUT_OF_STOCK, () -> shop.orderBy(bob, engine).item(pen, 2).place());

        assertThat(refused.orderId()).isEmpty();
        assertThat(shop.engine().orders().queries().ordersOf(bob, new PageRequest(0, 10)).items()).isEmpty();
        assertThat(shop.balanceOf(bob)).isEqualTo(won(100));
    }

    @Test
    void a_refused_payment_still_holds_the_stock_of_its_allocated_order() {
        UserId bob = shop.customerWith(100);

        var refused = failsWith(ErrorCode.INSUFFICIENT_BALANCE, () -> shop.orderBy(bob).item(pen, 2).place());

        assertThat(shop.order(new OrderId(refused.orderId().orElseThrow())).order().status())
                .isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(shop.stockOf(pen)).isEqualTo(8);
    }

    /** The shop's stock, running {@code beforeTake} inside the transaction just before each reservation. */
    private record Watching(StockReservations delegate, Runnable beforeTake) implements StockReservations {

        @Override
        public void reserve(List<StockLine> lines) {
            beforeTake.run();
            delegate.reserve(lines);
        }

        @Override
        public void release(List<StockLine> lines) {
            delegate.release(lines);
        }

        @Override
        public void set(ProductId productId, int quantity) {
            delegate.set(productId, quantity);
        }

        @Override
        public Map<ProductId, Long> available(Collection<ProductId> productIds) {
            return delegate.available(productIds);
        }
    }
}
