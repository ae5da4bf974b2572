package dev.orderengine.application.relay;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Units sold per product per day. Joins the caller's current transaction. */
public interface ProductSales {

    /**
     * Adds the quantities (negative ones take refunded units off) to the running totals of their day and product; a
     * total that reaches 0 drops out, and none goes below 0.
     */
    void add(Collection<DailySale> sales);

    /** The {@code limit} best-selling products from {@code from} to {@code to} (both included), best first, ties by product id. */
    List<PopularProduct> top(LocalDate from, LocalDate to, int limit);
}
