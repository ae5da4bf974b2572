package dev.orderengine.application.relay;

import dev.orderengine.domain.product.ProductId;
import java.time.LocalDate;
import java.util.Objects;

/** Units of one product sold on one day (UTC), or given back by refunds of that day's orders when negative. */
public record DailySale(LocalDate day, ProductId productId, long quantity) {

    public DailySale {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(productId, "productId");
        if (quantity == 0) {
            throw new IllegalArgumentException("a sale of no units changes nothing");
        }
    }
}
