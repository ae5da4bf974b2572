package dev.orderengine.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One request the server must refuse, built to be wrong in one known way: {@code why} says which, and
 * {@code codes} lists the problem codes that name that defect (several only where the spec leaves the order
 * of two checks open). {@code chunked} sends the body without a length. {@code fields}, when known, are the fields
 * (or header, or path parameter) one of which a {@code VALIDATION_FAILED} must name: its {@code detail} reads
 * "field: what is wrong"; none leaves the detail unchecked.
 */
record BadRequest(String why, String method, String path, Map<String, String> headers, byte[] body, boolean chunked,
                  Set<String> codes, Set<String> fields) {

    static final String JSON = "application/json";

    BadRequest {
        headers = Map.copyOf(headers);
        codes = Set.copyOf(codes);
        fields = Set.copyOf(fields);
    }

    BadRequest(String why, String method, String path, Map<String, String> headers, byte[] body, boolean chunked, Set<String> codes) {
        this(why, method, path, headers, body, chunked, codes, Set.of());
    }

    static BadRequest get(String why, String path, Set<String> codes) {
        return new BadRequest(why, "GET", path, Map.of(), null, false, codes);
    }

    static BadRequest json(String why, String method, String path, String body, Set<String> codes) {
        return new BadRequest(why, method, path, Map.of("Content-Type", JSON), body.getBytes(StandardCharsets.UTF_8), false, codes);
    }

    BadRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new BadRequest(why, method, path, more, body, chunked, codes, fields);
    }

    BadRequest withoutHeader(String name) {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove(name);
        return new BadRequest(why, method, path, fewer, body, chunked, codes, fields);
    }

    /** The same request, wrong in another way: the fields it named, if any, are forgotten. */
    BadRequest because(String reason, Set<String> expected) {
        return new BadRequest(reason, method, path, headers, body, chunked, expected, Set.of());
    }

    /** The same request, whose {@code VALIDATION_FAILED} must name one of {@code names}. */
    BadRequest naming(String... names) {
        return new BadRequest(why, method, path, headers, body, chunked, codes, Set.of(names));
    }

    BadRequest sentChunked() {
        return new BadRequest(why, method, path, headers, body, true, codes, fields);
    }

    @Override
    public String toString() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String shown = text.length() <= 300 ? text : text.substring(0, 300) + "...(" + body.length + " bytes)";
        Map<String, String> shownHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> shownHeaders.put(name, value.length() <= 60 ? value : value.substring(0, 60) + "...(" + value.length() + ")"));
        return method + " " + path + " " + shownHeaders + (chunked ? " chunked" : "") + " " + shown + "  [invalid because: " + why
                + "; expected " + codes + (fields.isEmpty() ? "" : " naming " + String.join(" or ", fields)) + "]";
    }
}
