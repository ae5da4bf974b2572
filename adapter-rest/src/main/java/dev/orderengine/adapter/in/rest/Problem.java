package dev.orderengine.adapter.in.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import java.util.Locale;

/** The body of every error response, per RFC 9457, with the spec's {@code code} and, where relevant, {@code orderId}. */
record Problem(String type, String title, int status, String detail, String code,
               @JsonInclude(JsonInclude.Include.NON_NULL) Long orderId) {

    static final String CONTENT_TYPE = "application/problem+json";

    static Problem of(int status, String code, String detail) {
        return new Problem(typeOf(code), titleOf(code), status, detail, code, null);
    }

    static Problem of(DomainException e) {
        String code = e.code().name();
        return new Problem(typeOf(code), titleOf(code), statusOf(e.code()), e.detail(), code, e.orderId().orElse(null));
    }

    /** A refusal known only by its HTTP status (from Jetty or Javalin), with the code that status stands for. */
    static Problem ofStatus(int status, String detail) {
        String code = switch (status) {
            case 401 -> HttpProblem.UNAUTHORIZED;
            case 403 -> HttpProblem.FORBIDDEN;
            case 404 -> HttpProblem.NOT_FOUND;
            case 405 -> HttpProblem.METHOD_NOT_ALLOWED;
            case 413 -> HttpProblem.PAYLOAD_TOO_LARGE;
            case 415 -> HttpProblem.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> HttpProblem.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED.name() : HttpProblem.INTERNAL;
        };
        return of(status, code, detail);
    }

    /** The HTTP status of each spec error code. */
    static int statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> 400;
            case USER_NOT_FOUND, PRODUCT_NOT_FOUND, ORDER_NOT_FOUND, COUPON_NOT_FOUND, COUPON_SOURCE_NOT_FOUND, NOT_FOUND -> 404;
            case OUT_OF_STOCK, PRODUCT_NOT_ON_SALE, USER_INACTIVE, INSUFFICIENT_BALANCE, COUPON_ALREADY_USED,
                 COUPON_EXPIRED, COUPON_NOT_OWNED, COUPON_SOLD_OUT, COUPON_ALREADY_ISSUED, ORDER_NOT_PAYABLE,
                 ORDER_NOT_CANCELLABLE, ORDER_NOT_OWNED, ORDER_NOT_REFUNDABLE, REFUND_EXCEEDS_ORDER, IDEMPOTENCY_KEY_IN_USE -> 409;
            case IDEMPOTENCY_KEY_REUSED -> 422;
        };
    }

    /** A stable identifier per code; a URN because no documentation page is served for it. */
    private static String typeOf(String code) {
        return "urn:orderengine:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code OUT_OF_STOCK} reads "Out of stock". */
    private static String titleOf(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
