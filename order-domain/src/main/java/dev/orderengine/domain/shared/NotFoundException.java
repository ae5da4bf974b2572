package dev.orderengine.domain.shared;

/** The request names something that does not exist (one of the {@code *_NOT_FOUND} codes). */
public final class NotFoundException extends DomainException {

    public NotFoundException(ErrorCode code, String detail) {
        super(code, detail);
    }
}
