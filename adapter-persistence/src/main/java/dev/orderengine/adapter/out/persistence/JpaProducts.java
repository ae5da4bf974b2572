package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.Products;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

final class JpaProducts implements Products {

    private final SessionScope scope;
    private final PooledSequence ids;

    JpaProducts(SessionScope scope) {
        this.scope = scope;
        this.ids = new PooledSequence(scope, "products_seq");
    }

    @Override
    public ProductId nextId() {
        return new ProductId(ids.next());
    }

    @Override
    public void add(Product product) {
        scope.run(session -> session.persist(ProductMapper.toEntity(product)));
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        return scope.call(session -> Entities.find(session, ProductJpaEntity.class, id.value()).map(ProductMapper::toDomain));
    }

    @Override
    public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Long> values = ids.stream().map(ProductId::value).distinct().toList();
        // one statement whatever the number of ids (an array parameter), its plan cached once
        return scope.call(session -> Entities.findMultiple(session, ProductJpaEntity.class, values).stream()
                .map(ProductMapper::toDomain)
                .collect(Collectors.toUnmodifiableMap(Product::id, Function.identity())));
    }

    @Override
    public Page<Product> findPage(PageRequest request) {
        return scope.call(session -> {
            long total = session.createSelectionQuery("select count(p) from ProductJpaEntity p", Long.class).getSingleResult();
            List<Product> items = total <= request.offset() ? List.of() : session
                    .createSelectionQuery("from ProductJpaEntity p order by p.id", ProductJpaEntity.class)
                    .setFirstResult(Math.toIntExact(request.offset()))
                    .setMaxResults(request.size())
                    .getResultList().stream().map(ProductMapper::toDomain).toList();
            return new Page<>(items, request.page(), request.size(), total);
        });
    }
}
