package dev.orderengine.domain.product;

/** Whether a product can be ordered. */
public enum ProductStatus {
    /** Listed and orderable while stock lasts. */
    ON_SALE,
    /** Withdrawn from sale: orders for it are refused with {@code PRODUCT_NOT_ON_SALE}. */
    DISCONTINUED
}
