package dev.orderengine.application.inmemory;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Products} in memory, in id order. {@link Product} is immutable, so rows are the products themselves. */
final class InMemoryProducts implements Products {

    private final TransactionScope scope;
    private final AtomicLong ids = new AtomicLong();
    private final Table<ProductId, Product> products;

    InMemoryProducts(TransactionScope scope) {
        this.scope = scope;
        this.products = new Table<>(scope, new TreeMap<>(Comparator.comparingLong(ProductId::value)));
    }

    @Override
    public ProductId nextId() {
        scope.checkOpen();
        return new ProductId(ids.incrementAndGet());
    }

    @Override
    public void add(Product product) {
        products.insert(product.id(), product, "product");
    }

    /** Overwrites a stored product: for tests that need a state no use case produces (a new price, a withdrawal). */
    void replace(Product product) {
        products.existing(product.id(), "product");
        products.put(product.id(), product);
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        return products.find(id);
    }

    @Override
    public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
        Map<ProductId, Product> found = new HashMap<>();
        ids.forEach(id -> products.find(id).ifPresent(product -> found.put(id, product)));
        return Map.copyOf(found);
    }

    @Override
    public Page<Product> findPage(PageRequest request) {
        List<Product> all = products.rows();
        int from = (int) Math.min(request.offset(), all.size());
        int to = Math.min(from + request.size(), all.size());
        return new Page<>(all.subList(from, to), request.page(), request.size(), all.size());
    }
}
