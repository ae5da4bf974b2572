package dev.orderengine.application.relay;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Units sold per product per day. Joins the caller's current transaction. */
public interface ProductSales {

    /** Adds the quantities to the running totals of their day and product. */
    void add(Collection<DailySale> sales);

    /** The {@code limit} best-selling products from {@code from} to {@code to} (both included), best first, ties by product id. */
    List<PopularProduct> top(LocalDate from, LocalDate to, int limit);
}
