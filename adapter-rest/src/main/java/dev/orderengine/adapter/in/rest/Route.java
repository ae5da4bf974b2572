package dev.orderengine.adapter.in.rest;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One route of the API: its method, its path template, who may call it, and what it does. */
record Route(HandlerType method, String path, Access access, Handler handler) {

    /** Who may call a route. */
    enum Access {
        /** Anyone. */
        PUBLIC,
        /** Only a caller presenting the admin bearer token. */
        ADMIN
    }

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String path, Handler handler) {
        return new Route(HandlerType.GET, path, Access.PUBLIC, handler);
    }

    static Route post(String path, Handler handler) {
        return new Route(HandlerType.POST, path, Access.PUBLIC, handler);
    }

    static Route put(String path, Handler handler) {
        return new Route(HandlerType.PUT, path, Access.PUBLIC, handler);
    }

    Route adminOnly() {
        return new Route(method, path, Access.ADMIN, handler);
    }

    /** Whether requests to this route carry a JSON body. */
    boolean takesBody() {
        return method == HandlerType.POST || method == HandlerType.PUT;
    }
}
