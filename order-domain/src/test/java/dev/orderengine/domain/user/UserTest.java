package dev.orderengine.domain.user;

import static dev.orderengine.domain.DomainAssertions.assertInvalid;
import static dev.orderengine.domain.DomainAssertions.assertRejected;
import static dev.orderengine.domain.Fixtures.CUSTOMER;
import static dev.orderengine.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.orderengine.domain.Fixtures;
import dev.orderengine.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class UserTest {

    @Test
    void registers_an_active_user_with_a_trimmed_name() {
        User user = User.register(CUSTOMER, "  Ada Lovelace ", NOW);

        assertThat(user.id()).isEqualTo(CUSTOMER);
        assertThat(user.name()).isEqualTo("Ada Lovelace");
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.createdAt()).isEqualTo(NOW);
    }

    @Test
    void refuses_a_blank_name() {
        assertInvalid(() -> User.register(CUSTOMER, "   ", NOW), "name");
        assertInvalid(() -> User.register(CUSTOMER, null, NOW), "name");
    }

    @Test
    void accepts_a_name_of_the_maximum_length_and_refuses_a_longer_one() {
        assertThat(User.register(CUSTOMER, "a".repeat(User.MAX_NAME_LENGTH), NOW).name()).hasSize(100);
        assertInvalid(() -> User.register(CUSTOMER, "a".repeat(User.MAX_NAME_LENGTH + 1), NOW), "name");
    }

    @Test
    void an_active_user_may_order() {
        assertThatCode(() -> Fixtures.customer().ensureActive()).doesNotThrowAnyException();
    }

    @Test
    void an_inactive_user_may_not_order() {
        assertRejected(() -> Fixtures.inactiveCustomer().ensureActive(), ErrorCode.USER_INACTIVE);
    }
}
