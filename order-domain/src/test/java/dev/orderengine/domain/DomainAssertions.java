package dev.orderengine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.NotFoundException;
import dev.orderengine.domain.shared.RejectedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the domain's error family that always check the spec error code. */
public final class DomainAssertions {

    private DomainAssertions() {
    }

    public static void assertRejected(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    public static void assertNotFound(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Fails unless {@code call} refuses its input with {@code VALIDATION_FAILED} naming {@code field}. */
    public static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.detail()).startsWith(field + ": ");
        });
    }
}
