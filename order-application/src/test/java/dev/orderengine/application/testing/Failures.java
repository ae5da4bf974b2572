package dev.orderengine.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with a given spec error code, and hands the failure back for further checks. */
public final class Failures {

    private Failures() {
    }

    public static DomainException failsWith(ErrorCode code, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a failure with %s", code).isInstanceOf(DomainException.class);
        DomainException failure = (DomainException) thrown;
        assertThat(failure.code()).as(failure.detail()).isEqualTo(code);
        return failure;
    }
}
