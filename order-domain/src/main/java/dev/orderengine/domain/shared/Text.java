package dev.orderengine.domain.shared;

/** Checks for the short free-text fields (names, descriptions). */
public final class Text {

    private Text() {
    }

    /** A trimmed, non-blank text of at most {@code maxLength} characters, or a validation error naming {@code field}. */
    public static String required(String value, String field, int maxLength) {
        InvalidInputException.require(value != null && !value.isBlank(), field, "is required");
        String trimmed = value.strip();
        InvalidInputException.require(trimmed.length() <= maxLength, field, "must be at most " + maxLength + " characters");
        InvalidInputException.require(trimmed.chars().noneMatch(Character::isISOControl), field, "must not contain control characters");
        return trimmed;
    }
}
