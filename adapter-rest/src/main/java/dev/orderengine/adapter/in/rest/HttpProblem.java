package dev.orderengine.adapter.in.rest;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal decided by the HTTP layer itself (authentication, media type, size, routing), answered as a
 * problem with its own code. Business refusals are {@link dev.orderengine.domain.shared.DomainException}s instead.
 */
final class HttpProblem extends RuntimeException {

    static final String UNAUTHORIZED = "UNAUTHORIZED";
    static final String FORBIDDEN = "FORBIDDEN";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String INTERNAL = "INTERNAL";

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    HttpProblem(int status, String code, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    HttpProblem(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Headers the response must carry, such as {@code WWW-Authenticate} or {@code Allow}. */
    Map<String, String> headers() {
        return headers;
    }
}
