package dev.orderengine.adapter.in.rest;

import static dev.orderengine.adapter.in.rest.Route.get;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: the OpenAPI document as a web page, Swagger UI from its webjar on the classpath with an
 * initializer of our own that reads {@code /openapi.json} and turns the outside validator off. Every asset the page
 * loads is served under {@code /docs/} by this server, and its Content-Security-Policy lets the browser load nothing
 * from anywhere else.
 */
final class DocsRoutes {

    private static final String OWN = "docs/";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String PNG = "image/png";
    /** Inline styles and data: images are Swagger UI's own (React style attributes, icons in its style sheet). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Each file the page may load, by its name under /docs/: where it is on the classpath and its media type. */
    private final Map<String, Asset> assets;
    private final byte[] page = read(OWN + "index.html");

    DocsRoutes() {
        String webjar = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
        this.assets = Map.of(
                "initializer.js", new Asset(OWN + "initializer.js", JAVASCRIPT),
                "swagger-ui-bundle.js", new Asset(webjar + "swagger-ui-bundle.js", JAVASCRIPT),
                "swagger-ui.css", new Asset(webjar + "swagger-ui.css", CSS),
                "favicon-32x32.png", new Asset(webjar + "favicon-32x32.png", PNG),
                "favicon-16x16.png", new Asset(webjar + "favicon-16x16.png", PNG));
        assets.values().forEach(asset -> {
            if (DocsRoutes.class.getResource(asset.resource()) == null) {
                throw new IllegalStateException(asset.resource() + " is missing from the classpath");
            }
        });
    }

    List<Route> routes() {
        return List.of(
                get("/docs", ctx -> secured(ctx).contentType(HTML).result(page)),
                get("/docs/{file}", this::asset));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("file");
        Asset asset = assets.get(name);
        if (asset == null) {
            throw new HttpProblem(404, HttpProblem.NOT_FOUND, "the /docs page has no file named " + name);
        }
        // the webjar's files change only with its version, which a new server jar brings
        secured(ctx).header("Cache-Control", "max-age=3600")
                .contentType(asset.contentType())
                .result(DocsRoutes.class.getResourceAsStream(asset.resource()));
    }

    private static Context secured(Context ctx) {
        return ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("X-Content-Type-Options", "nosniff");
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath (" + WEBJAR_PROPERTIES + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the page: its classpath resource (relative to this package unless absolute) and its media type. */
    private record Asset(String resource, String contentType) {
    }
}
