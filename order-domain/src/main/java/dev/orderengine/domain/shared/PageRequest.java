package dev.orderengine.domain.shared;

/** Which page of a list to read: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public PageRequest {
        InvalidInputException.require(page >= 0, "page", "must be 0 or more");
        InvalidInputException.require(size >= 1 && size <= MAX_SIZE, "size", "must be between 1 and " + MAX_SIZE);
    }

    /** Index of the first item of this page. */
    public long offset() {
        return (long) page * size;
    }
}
