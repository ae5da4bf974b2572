package dev.orderengine.application.product;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.shared.Money;

/** Add a product to the catalogue with its initial stock (0 to {@link Product#MAX_STOCK}). */
public record ListProductCommand(String name, String description, Money price, int stock) {

    public ListProductCommand {
        Product.checkStock(stock, "stock");
    }
}
