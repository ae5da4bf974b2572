package dev.orderengine.application.product;

import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;

/** Add a product to the catalogue with its initial stock (0 or more). */
public record ListProductCommand(String name, String description, Money price, int stock) {

    public ListProductCommand {
        InvalidInputException.require(stock >= 0, "stock", "must be 0 or more");
    }
}
