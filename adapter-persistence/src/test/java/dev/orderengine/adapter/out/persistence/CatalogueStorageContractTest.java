package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.User;
import dev.orderengine.domain.user.UserId;
import dev.orderengine.domain.user.UserStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Users and the catalogue, and the ids every kind of record draws. */
abstract class CatalogueStorageContractTest extends StorageContract {

    @Test
    void stores_a_user_and_restores_it() {
        User user = tx(() -> {
            User registered = User.register(adapter().users().nextId(), "Ada", NOW);
            adapter().users().add(registered);
            return registered;
        });
        User inactive = tx(() -> {
            User stored = User.restore(adapter().users().nextId(), "Bob", UserStatus.INACTIVE, NOW);
            adapter().users().add(stored);
            return stored;
        });

        User restored = readOnly(() -> adapter().users().findById(user.id())).orElseThrow();
        assertThat(restored.name()).isEqualTo("Ada");
        assertThat(restored.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(restored.createdAt()).isEqualTo(NOW);
        assertThat(readOnly(() -> adapter().users().findById(inactive.id()))).map(User::status).contains(UserStatus.INACTIVE);
        assertThat(readOnly(() -> adapter().users().findById(new UserId(Long.MAX_VALUE)))).isEmpty();
    }

    @Test
    void the_database_refuses_a_status_outside_the_enumeration() {
        User user = fixtures().user();

        assertThatThrownBy(() -> db().update("UPDATE users SET status = 'DELETED' WHERE id = ?", user.id().value()))
                .isInstanceOf(SQLException.class).hasMessageContaining("users_status_ck");
    }

    @Test
    void stores_a_product_and_restores_it_with_or_without_description() {
        Product described = fixtures().product(15_000, 1);
        Product plain = tx(() -> {
            Product product = Product.restore(adapter().products().nextId(), "Plain", null, Money.of("9.99"), ProductStatus.DISCONTINUED, NOW);
            adapter().products().add(product);
            return product;
        });

        Product restored = readOnly(() -> adapter().products().findById(described.id())).orElseThrow();
        assertThat(restored.name()).isEqualTo("Product");
        assertThat(restored.description()).contains("A product");
        assertThat(restored.price()).isEqualTo(Money.of(15_000));
        assertThat(restored.status()).isEqualTo(ProductStatus.ON_SALE);
        assertThat(restored.createdAt()).isEqualTo(NOW);
        Product restoredPlain = readOnly(() -> adapter().products().findById(plain.id())).orElseThrow();
        assertThat(restoredPlain.description()).isEmpty();
        assertThat(restoredPlain.price()).isEqualTo(Money.of("9.99"));
        assertThat(restoredPlain.status()).isEqualTo(ProductStatus.DISCONTINUED);
    }

    @Test
    void finds_products_by_id_and_leaves_unknown_ids_out() {
        Product a = fixtures().product(1_000, 1);
        Product b = fixtures().product(2_000, 1);
        ProductId unknown = new ProductId(Long.MAX_VALUE);

        Map<ProductId, Product> found = readOnly(() -> adapter().products().findAllById(List.of(a.id(), b.id(), unknown)));

        assertThat(found).containsOnlyKeys(a.id(), b.id());
        assertThat(found.get(b.id()).price()).isEqualTo(Money.of(2_000));
        assertThat(readOnly(() -> adapter().products().findAllById(List.of()))).isEmpty();
    }

    @Test
    void pages_the_catalogue_in_id_order_with_the_total() {
        List<Product> listed = fixtures().products(5, 1);
        long total = readOnly(() -> adapter().products().findPage(new PageRequest(0, 1))).total();
        int lastPage = (int) ((total - 1) / 2);

        Page<Product> last = readOnly(() -> adapter().products().findPage(new PageRequest(lastPage, 2)));
        Page<Product> beyond = readOnly(() -> adapter().products().findPage(new PageRequest(lastPage + 1, 2)));
        Page<Product> all = readOnly(() -> adapter().products().findPage(new PageRequest(0, 100)));

        assertThat(total).isGreaterThanOrEqualTo(5);
        assertThat(last.total()).isEqualTo(total);
        assertThat(last.items()).isNotEmpty().last().extracting(Product::id).isEqualTo(listed.get(4).id());
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(total);
        assertThat(all.items()).extracting(product -> product.id().value()).isSorted();
    }

    @Test
    void hands_out_distinct_ids_to_concurrent_callers() throws Exception {
        List<Future<List<Long>>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(inThread(() -> tx(() -> {
                List<Long> ids = new ArrayList<>();
                for (int n = 0; n < 120; n++) {
                    ids.add(adapter().users().nextId().value());
                }
                return ids;
            })));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> caller : callers) {
            List<Long> ids = caller.get(30, TimeUnit.SECONDS);
            assertThat(ids).isSorted();
            all.addAll(ids);
        }

        assertThat(all).hasSize(8 * 120);
    }

    @Test
    void draws_one_sequence_value_per_fifty_ids() throws Exception {
        long before = db().queryLong("SELECT nextval('coupon_sources_seq')");
        List<Long> ids = tx(() -> IntStream.range(0, 120).mapToObj(i -> adapter().couponSources().nextId().value()).toList());
        long after = db().queryLong("SELECT nextval('coupon_sources_seq')");

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        assertThat((after - before) / PooledSequence.ALLOCATION).as("blocks drawn between the probes, plus one for the probe").isLessThanOrEqualTo(4);
    }

    @Test
    void ports_refuse_to_work_outside_a_transaction() {
        assertThatThrownBy(() -> adapter().users().findById(new UserId(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no transaction");
        assertThatThrownBy(() -> adapter().stock().available(List.of(new ProductId(1)))).isInstanceOf(IllegalStateException.class);
    }
}
