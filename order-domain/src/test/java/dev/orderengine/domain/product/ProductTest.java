package dev.orderengine.domain.product;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.NOW;
import static dev.orderengine.domain.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.orderengine.domain.Fixtures;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final ProductId ID = new ProductId(3);

    @Test
    void lists_a_product_on_sale() {
        Product product = Product.list(ID, " Blue mug ", " Holds tea ", money("12.90"), NOW);

        assertThat(product.id()).isEqualTo(ID);
        assertThat(product.name()).isEqualTo("Blue mug");
        assertThat(product.description()).contains("Holds tea");
        assertThat(product.price()).isEqualTo(money("12.90"));
        assertThat(product.status()).isEqualTo(ProductStatus.ON_SALE);
        assertThat(product.createdAt()).isEqualTo(NOW);
    }

    @Test
    void a_missing_or_blank_description_is_absent() {
        assertThat(Product.list(ID, "Mug", null, money("1"), NOW).description()).isEmpty();
        assertThat(Product.list(ID, "Mug", "  ", money("1"), NOW).description()).isEmpty();
    }

    @Test
    void refuses_a_price_of_zero_or_none() {
        assertInvalid(() -> Product.list(ID, "Mug", null, Money.ZERO, NOW), "price");
        assertInvalid(() -> Product.list(ID, "Mug", null, null, NOW), "price");
    }

    @Test
    void accepts_the_maximum_price_and_refuses_more() {
        assertThat(Product.list(ID, "Mug", null, Product.MAX_PRICE, NOW).price()).isEqualTo(Product.MAX_PRICE);
        assertInvalid(() -> Product.list(ID, "Mug", null, Product.MAX_PRICE.plus(money("0.01")), NOW), "price");
    }

    @Test
    void refuses_a_blank_or_too_long_name() {
        assertInvalid(() -> Product.list(ID, " ", null, money("1"), NOW), "name");
        assertInvalid(() -> Product.list(ID, "n".repeat(Product.MAX_NAME_LENGTH + 1), null, money("1"), NOW), "name");
    }

    @Test
    void refuses_a_too_long_description() {
        assertThat(Product.list(ID, "Mug", "d".repeat(Product.MAX_DESCRIPTION_LENGTH), money("1"), NOW).description()).isPresent();
        assertInvalid(() -> Product.list(ID, "Mug", "d".repeat(Product.MAX_DESCRIPTION_LENGTH + 1), money("1"), NOW),
                "description");
    }

    @Test
    void a_product_on_sale_can_be_ordered() {
        assertThatCode(() -> Fixtures.product(1, "5").ensureOnSale()).doesNotThrowAnyException();
    }

    @Test
    void a_discontinued_product_cannot_be_ordered() {
        assertRejected(() -> Fixtures.discontinued(1, "5").ensureOnSale(), ErrorCode.PRODUCT_NOT_ON_SALE);
    }

    @Test
    void a_stock_line_takes_at_least_one_unit() {
        assertThat(new StockLine(ID, 1).quantity()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new StockLine(ID, 0));
    }
}
