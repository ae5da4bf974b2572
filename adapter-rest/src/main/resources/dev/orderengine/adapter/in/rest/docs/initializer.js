// Swagger UI over this server's own OpenAPI document. validatorUrl null: by default Swagger UI sends the document to
// an outside validator for its badge, and this page must need nothing but the server that serves it.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
