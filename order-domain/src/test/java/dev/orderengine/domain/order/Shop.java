package dev.orderengine.domain.order;

import dev.orderengine.domain.Fixtures;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import static dev.orderengine.domain.Fixtures.NOW;

/** A catalogue and its stock, to place and allocate orders of {@link Fixtures#CUSTOMER} in a line or two. */
final class Shop {

    final Map<ProductId, Product> catalogue = new HashMap<>();
    final InMemoryStockReservations stock = new InMemoryStockReservations();
    private long nextOrderId = 1;

    Shop sells(long productId, String price, int inStock) {
        Product product = Fixtures.product(productId, price);
        catalogue.put(product.id(), product);
        stock.set(product.id(), inStock);
        return this;
    }

    Shop discontinues(long productId) {
        Product old = catalogue.get(new ProductId(productId));
        catalogue.put(old.id(), Product.restore(old.id(), old.name(), null, old.price(), ProductStatus.DISCONTINUED, NOW));
        return this;
    }

    Shop reprices(long productId, String price) {
        Product old = catalogue.get(new ProductId(productId));
        catalogue.put(old.id(), Product.restore(old.id(), old.name(), null, Money.of(price), old.status(), NOW));
        return this;
    }

    Order place(OrderItem... items) {
        return Order.place(new OrderId(nextOrderId++), Fixtures.customer(), List.of(items), NOW);
    }

    Order allocated(OrderItem... items) {
        Order order = place(items);
        order.allocateStock(catalogue, stock, NOW);
        return order;
    }

    /** The successful payment of what {@code order} owes after {@code discount}. */
    static Payment paymentOf(Order order, Money discount) {
        return Fixtures.succeededPayment(order.id(), order.userId(), order.amountDue(discount));
    }
}
