package dev.orderengine.application.product;

import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.product.StockReservations;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The catalogue: listing products, setting stock, reading products with their stock. */
public final class ProductUseCases {

    private final Transactions transactions;
    private final Products products;
    private final StockReservations stock;
    private final Clock clock;

    public ProductUseCases(Transactions transactions, Products products, StockReservations stock, Clock clock) {
        this.transactions = transactions;
        this.products = products;
        this.stock = stock;
        this.clock = clock;
    }

    public ProductView list(ListProductCommand command) {
        return transactions.inTransaction(() -> {
            Product product = Product.list(products.nextId(), command.name(), command.description(), command.price(), clock.instant());
            products.add(product);
            stock.set(product.id(), command.stock());
            return new ProductView(product, command.stock());
        });
    }

    public ProductView setStock(SetStockCommand command) {
        return transactions.inTransaction(() -> {
            Product product = require(command.productId());
            stock.set(product.id(), command.quantity());
            return new ProductView(product, command.quantity());
        });
    }

    public ProductView product(ProductId id) {
        return transactions.readOnly(() -> {
            Product product = require(id);
            return new ProductView(product, stock.available(List.of(id)).getOrDefault(id, 0L));
        });
    }

    /** One page of the catalogue in id order, each product with its stock. */
    public Page<ProductView> page(PageRequest request) {
        return transactions.readOnly(() -> {
            Page<Product> page = products.findPage(request);
            Map<ProductId, Long> available = stock.available(page.items().stream().map(Product::id).toList());
            return page.map(product -> new ProductView(product, available.getOrDefault(product.id(), 0L)));
        });
    }

    private Product require(ProductId id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException(ErrorCode.PRODUCT_NOT_FOUND, "product " + id + " does not exist"));
    }
}
