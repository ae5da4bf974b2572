package dev.orderengine.application.product;

import static dev.orderengine.application.testing.Failures.failsWith;
import static dev.orderengine.application.testing.Shop.OPENING;
import static dev.orderengine.application.testing.Shop.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderengine.application.testing.Shop;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.ProductStatus;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ProductCatalogueTest {

    private final Shop shop = new Shop();
    private final ProductUseCases products = shop.engine().products();

    @Test
    void lists_a_product_on_sale_with_its_stock() {
        ProductView listed = products.list(new ListProductCommand(" Fountain pen ", " Fine nib ", won(12_500), 7));

        Product product = listed.product();
        assertThat(product.name()).isEqualTo("Fountain pen");
        assertThat(product.description()).contains("Fine nib");
        assertThat(product.price()).isEqualTo(won(12_500));
        assertThat(product.status()).isEqualTo(ProductStatus.ON_SALE);
        assertThat(product.createdAt()).isEqualTo(OPENING);
        assertThat(listed.stock()).isEqualTo(7);
        assertThat(products.product(product.id()).stock()).isEqualTo(7);
    }

    @Test
    void a_blank_description_is_no_description() {
        ProductView listed = products.list(new ListProductCommand("Pen", "  ", won(1), 0));

        assertThat(listed.product().description()).isEmpty();
        assertThat(listed.stock()).isZero();
    }

    @Test
    void refuses_a_product_out_of_range() {
        assertInvalid("price", () -> products.list(new ListProductCommand("Pen", null, won(0), 1)));
        assertInvalid("price", () -> products.list(new ListProductCommand("Pen", null, won(100_000_001), 1)));
        assertInvalid("name", () -> products.list(new ListProductCommand(" ", null, won(1), 1)));
        assertInvalid("stock", () -> new ListProductCommand("Pen", null, won(1), -1));

        assertThat(products.page(new PageRequest(0, 10)).total()).isZero();
    }

    @Test
    void sets_the_stock_of_a_product() {
        ProductId pen = shop.product(1_000, 3);

        ProductView updated = products.setStock(new SetStockCommand(pen, 40));

        assertThat(updated.stock()).isEqualTo(40);
        assertThat(shop.stockOf(pen)).isEqualTo(40);
    }

    @Test
    void an_order_cannot_take_stock_set_to_zero() {
        ProductId pen = shop.product(1_000, 3);
        UserId ada = shop.customer();
        products.setStock(new SetStockCommand(pen, 0));

        failsWith(ErrorCode.OUT_OF_STOCK, () -> shop.orderBy(ada).item(pen, 1).place());
    }

    @Test
    void refuses_stock_of_an_unknown_product_or_below_zero() {
        failsWith(ErrorCode.PRODUCT_NOT_FOUND, () -> products.setStock(new SetStockCommand(new ProductId(999), 1)));
        assertInvalid("quantity", () -> new SetStockCommand(new ProductId(1), -1));
        failsWith(ErrorCode.PRODUCT_NOT_FOUND, () -> products.product(new ProductId(999)));
    }

    @Test
    void pages_through_the_catalogue_in_id_order_with_stock() {
        List<ProductId> ids = IntStream.rangeClosed(1, 5).mapToObj(i -> shop.product(100 * i, i)).toList();

        Page<ProductView> first = products.page(new PageRequest(0, 2));
        Page<ProductView> last = products.page(new PageRequest(2, 2));
        Page<ProductView> beyond = products.page(new PageRequest(3, 2));

        assertThat(first.items()).extracting(view -> view.product().id()).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.items()).extracting(ProductView::stock).containsExactly(1L, 2L);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(last.items()).extracting(view -> view.product().id()).containsExactly(ids.get(4));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void accepts_page_from_zero_and_size_from_one_to_a_hundred() {
        shop.product();

        assertThat(products.page(new PageRequest(0, 1)).items()).hasSize(1);
        assertThat(products.page(new PageRequest(0, 100)).items()).hasSize(1);
        assertInvalid("page", () -> new PageRequest(-1, 20));
        assertInvalid("size", () -> new PageRequest(0, 0));
        assertInvalid("size", () -> new PageRequest(0, 101));
    }

    private static void assertInvalid(String field, ThrowingCallable call) {
        assertThat(failsWith(ErrorCode.VALIDATION_FAILED, call))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.field()).isEqualTo(field));
    }
}
