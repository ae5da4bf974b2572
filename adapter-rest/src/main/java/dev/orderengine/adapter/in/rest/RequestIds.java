package dev.orderengine.adapter.in.rest;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of each request, in the {@code X-Request-Id} response header, the access log and every log line
 * about the request. A well-formed id sent by the client (or a proxy in front) is kept, so one id follows a
 * request through several services; anything else is replaced by a fresh one.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    static String assign(Context ctx) {
        String sent = ctx.header(HEADER);
        String id = sent != null && ACCEPTED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
