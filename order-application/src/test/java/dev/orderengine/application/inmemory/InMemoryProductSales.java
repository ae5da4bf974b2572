package dev.orderengine.application.inmemory;

import dev.orderengine.application.relay.DailySale;
import dev.orderengine.application.relay.PopularProduct;
import dev.orderengine.application.relay.ProductSales;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.Products;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ProductSales} in memory: one running total per day and product. */
final class InMemoryProductSales implements ProductSales {

    private final Table<DayAndProduct, Long> totals;
    private final Products products;

    InMemoryProductSales(TransactionScope scope, Products products) {
        this.totals = new Table<>(scope, new HashMap<>());
        this.products = products;
    }

    @Override
    public void add(Collection<DailySale> sales) {
        for (DailySale sale : sales) {
            DayAndProduct key = new DayAndProduct(sale.day(), sale.productId());
            long total = Math.max(0, totals.find(key).orElse(0L) + sale.quantity());
            if (total == 0) {
                totals.remove(key);
            } else {
                totals.put(key, total);
            }
        }
    }

    @Override
    public List<PopularProduct> top(LocalDate from, LocalDate to, int limit) {
        Map<ProductId, Long> sold = new HashMap<>();
        totals.copy().forEach((key, quantity) -> {
            if (!key.day().isBefore(from) && !key.day().isAfter(to)) {
                sold.merge(key.productId(), quantity, Long::sum);
            }
        });
        return sold.entrySet().stream()
                .sorted(Map.Entry.<ProductId, Long>comparingByValue().reversed()
                        .thenComparing(entry -> entry.getKey().value(), Comparator.naturalOrder()))
                .limit(limit)
                .map(entry -> new PopularProduct(entry.getKey(),
                        products.findById(entry.getKey()).map(Product::name).orElse("(unknown product)"), entry.getValue()))
                .toList();
    }

    private record DayAndProduct(LocalDate day, ProductId productId) {
    }
}
