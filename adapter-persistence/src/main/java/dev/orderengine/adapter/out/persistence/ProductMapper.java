package dev.orderengine.adapter.out.persistence;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;

final class ProductMapper {

    private ProductMapper() {
    }

    static ProductJpaEntity toEntity(Product product) {
        return new ProductJpaEntity(product.id().value(), product.name(), product.description().orElse(null),
                product.price().amount(), product.status(), product.createdAt());
    }

    static Product toDomain(ProductJpaEntity entity) {
        return Product.restore(new ProductId(entity.id), entity.name, entity.description, new Money(entity.price),
                entity.status, entity.createdAt);
    }
}
