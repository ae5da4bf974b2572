package dev.orderengine.domain.product;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An item of the catalogue with its current unit price. Stock is kept apart, see {@link StockReservations}. */
public final class Product {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    /** The largest unit price accepted, so that 1,000 units of 50 lines still fit any amount column. */
    public static final Money MAX_PRICE = Money.of(100_000_000);
    /** The most stock an operator may set at once (SPEC §2). */
    public static final int MAX_STOCK = 1_000_000_000;

    /** Refuses with {@code VALIDATION_FAILED} naming {@code field} unless {@code quantity} is a stock an operator may set. */
    public static void checkStock(long quantity, String field) {
        InvalidInputException.require(quantity >= 0 && quantity <= MAX_STOCK, field, "must be between 0 and " + MAX_STOCK);
    }

    private final ProductId id;
    private final String name;
    private final String description;
    private final Money price;
    private final ProductStatus status;
    private final Instant createdAt;

    private Product(ProductId id, String name, String description, Money price, ProductStatus status, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.price = Objects.requireNonNull(price, "price");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new product on sale. Price must be positive and at most {@link #MAX_PRICE}. */
    public static Product list(ProductId id, String name, String description, Money price, Instant now) {
        InvalidInputException.require(price != null && price.isPositive(), "price", "must be greater than 0");
        InvalidInputException.require(!price.isGreaterThan(MAX_PRICE), "price", "must be at most " + MAX_PRICE);
        String cleanDescription = description == null || description.isBlank()
                ? null
                : Text.required(description, "description", MAX_DESCRIPTION_LENGTH);
        return new Product(id, Text.required(name, "name", MAX_NAME_LENGTH), cleanDescription, price, ProductStatus.ON_SALE, now);
    }

    /** Rebuilds a stored product; for storage mappers only. */
    public static Product restore(ProductId id, String name, String description, Money price, ProductStatus status, Instant createdAt) {
        return new Product(id, name, description, price, status, createdAt);
    }

    /** Refuses with {@code PRODUCT_NOT_ON_SALE} unless the product can be ordered. */
    public void ensureOnSale() {
        if (status != ProductStatus.ON_SALE) {
            throw new RejectedException(ErrorCode.PRODUCT_NOT_ON_SALE, "product " + id + " is " + status);
        }
    }

    public ProductId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Money price() {
        return price;
    }

    public ProductStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
