package dev.orderengine.adapter.in.rest;

import dev.orderengine.application.port.StorageUnavailableException;
import dev.orderengine.domain.shared.DomainException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem response. Expected failures carry their code and a detail safe to show;
 * anything else is logged here with the request id and answered with a detail that names only that id,
 * so no stack trace, class name or SQL ever reaches a client.
 */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final int MAX_ECHOED_PATH = 200;

    private final Json json;

    ErrorResponses(Json json) {
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.exception(DomainException.class, (e, ctx) -> write(ctx, Problem.of(e)));
        routes.exception(HttpProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, Problem.of(e.status(), e.code(), e.getMessage()));
        });
        routes.exception(HttpResponseException.class, this::fromJavalin);
        routes.exception(StorageUnavailableException.class, (e, ctx) -> {
            // one line each: during an outage every request ends here (the stack trace is at debug level)
            log.warn("request {}: storage unavailable: {}", RequestIds.of(ctx), e.getMessage());
            log.debug("request {}: storage unavailable", RequestIds.of(ctx), e);
            ctx.header("Retry-After", "1");
            write(ctx, Problem.of(503, HttpProblem.UNAVAILABLE, "the database is unavailable; retry later"));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("request {}: {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
            write(ctx, internal(RequestIds.of(ctx)));
        });
    }

    /** For errors (not exceptions) that escape a handler: the servlet response is all there is then. */
    void onError(HttpServletResponse response, Error error) {
        log.error("request failed with an error", error);
        if (response.isCommitted()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setStatus(500);
            response.setContentType(Problem.CONTENT_TYPE);
            response.getOutputStream().write(json.write(internal(response.getHeader(RequestIds.HEADER))));
        } catch (IOException e) {
            log.warn("could not write the error response", e);
        }
    }

    /** Javalin's own refusals: no route for the path (404), or not for this method (405). */
    private void fromJavalin(HttpResponseException e, Context ctx) {
        String target = ctx.method() + " " + echo(ctx.path());
        Problem problem = switch (e.getStatus()) {
            case 404 -> Problem.of(404, HttpProblem.NOT_FOUND, "no route for " + target);
            case 405 -> {
                String allowed = e.getDetails().get("availableMethods");
                if (allowed != null) {
                    ctx.header("Allow", allowed);
                }
                yield Problem.of(405, HttpProblem.METHOD_NOT_ALLOWED,
                        target + " is not allowed" + (allowed == null ? "" : "; allowed: " + allowed));
            }
            default -> Problem.ofStatus(e.getStatus(), target + " was refused: " + HttpStatus.getMessage(e.getStatus()));
        };
        write(ctx, problem);
    }

    private static String echo(String path) {
        return path.length() <= MAX_ECHOED_PATH ? path : path.substring(0, MAX_ECHOED_PATH) + "...";
    }

    private static Problem internal(String requestId) {
        return Problem.of(500, HttpProblem.INTERNAL, "an unexpected error occurred; request id " + requestId);
    }

    /** Also notes the code (and the order it names) on the request's span. */
    private void write(Context ctx, Problem problem) {
        RequestTracing.problem(problem.code(), problem.orderId());
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json.write(problem));
    }
}
