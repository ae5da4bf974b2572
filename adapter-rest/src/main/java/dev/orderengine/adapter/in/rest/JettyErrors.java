package dev.orderengine.adapter.in.rest;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem responses for what Jetty refuses before a request reaches the API (a malformed URI, headers too
 * large, a request line that is not HTTP), in place of Jetty's HTML error pages.
 */
final class JettyErrors extends ErrorHandler {

    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);

    private final Json json;

    JettyErrors(Json json) {
        this.json = json;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(CONTENT_TYPE);
        response.write(true, body(code, message), callback);
    }

    private ByteBuffer body(int status, String message) {
        String detail = "the HTTP request was refused: " + (message == null || message.isBlank() ? HttpStatus.getMessage(status) : message);
        return ByteBuffer.wrap(json.write(Problem.ofStatus(status, detail)));
    }
}
