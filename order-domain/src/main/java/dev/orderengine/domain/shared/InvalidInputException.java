package dev.orderengine.domain.shared;

/** Input that breaks a rule of shape or range ({@link ErrorCode#VALIDATION_FAILED}); the detail names the field. */
public final class InvalidInputException extends DomainException {

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(ErrorCode.VALIDATION_FAILED, field + ": " + problem);
        this.field = field;
    }

    /** The name of the offending field, as the client sent it. */
    public String field() {
        return field;
    }

    /** Fails with {@code field: problem} unless {@code condition} holds. */
    public static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidInputException(field, problem);
        }
    }
}
