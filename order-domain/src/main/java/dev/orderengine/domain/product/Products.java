package dev.orderengine.domain.product;

import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue. Implementations join the caller's current transaction and never return null.
 * Reads see committed data; prices read inside an order's transaction are the prices the order keeps.
 */
public interface Products {

    /** A fresh identity for a product about to be listed; never handed out twice. */
    ProductId nextId();

    /** Stores a newly listed product. Its stock is set separately through {@link StockReservations#set}. */
    void add(Product product);

    Optional<Product> findById(ProductId id);

    /** The products among {@code ids} that exist, by id; missing ids are simply absent from the map. */
    Map<ProductId, Product> findAllById(Collection<ProductId> ids);

    /** One page of the catalogue in id order. */
    Page<Product> findPage(PageRequest request);
}
