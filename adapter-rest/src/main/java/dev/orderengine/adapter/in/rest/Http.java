package dev.orderengine.adapter.in.rest;

import dev.orderengine.domain.shared.InvalidInputException;
import dev.orderengine.domain.shared.PageRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/** Reading requests and writing responses: bounded JSON bodies, typed path and query parameters, JSON results. */
final class Http {

    /** The largest request body accepted. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int DEFAULT_PAGE_SIZE = 20;

    private final Json json;

    Http(Json json) {
        this.json = json;
    }

    /**
     * Reads the body as {@code type}, refusing more than {@value #MAX_BODY_BYTES} bytes: at once by its declared
     * length, or after reading one byte past the limit when it is sent without one.
     */
    <T> T body(Context ctx, Class<T> type) {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            // The client sent less than it announced, or went quiet: its request, not the server, is broken.
            throw new InvalidInputException("body", "could not be read completely");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return json.read(bytes, type);
    }

    /** Refuses a body that is not JSON (UTF-8, the only encoding JSON allows between systems). */
    static void requireJson(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !isJson(contentType)) {
            throw new HttpProblem(415, HttpProblem.UNSUPPORTED_MEDIA_TYPE, "the request body must be sent as " + Json.CONTENT_TYPE);
        }
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals(Json.CONTENT_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].strip().split("=", 2);
            if (parameter[0].strip().equals("charset")
                    && (parameter.length < 2 || !parameter[1].strip().replace("\"", "").equals("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private static HttpProblem tooLarge() {
        return new HttpProblem(413, HttpProblem.PAYLOAD_TOO_LARGE, "the request body must be at most " + MAX_BODY_BYTES + " bytes");
    }

    /** A positive integer id from the path; {@code name} as in the route ({@code id}). */
    static long pathId(Context ctx, String name) {
        return positive(ctx.pathParam(name), name);
    }

    /** An optional integer query parameter within {@code [min, max]}, or {@code fallback} when absent. */
    static int queryInt(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be an integer");
        }
        InvalidInputException.require(value >= min && value <= max, name,
                max == Integer.MAX_VALUE ? "must be " + min + " or more" : "must be between " + min + " and " + max);
        return value;
    }

    /** The {@code page} and {@code size} query parameters of a paged list (page from 0, size 1 to 100, default 20). */
    static PageRequest pageRequest(Context ctx) {
        return new PageRequest(queryInt(ctx, "page", 0, 0, Integer.MAX_VALUE), queryInt(ctx, "size", DEFAULT_PAGE_SIZE, 1, PageRequest.MAX_SIZE));
    }

    static Optional<String> idempotencyKey(Context ctx) {
        return Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY));
    }

    void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(json.write(body));
    }

    private static long positive(String raw, String name) {
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a positive integer");
        }
        InvalidInputException.require(value > 0, name, "must be a positive integer");
        return value;
    }
}
