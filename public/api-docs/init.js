// Starts Swagger UI on the API's own document (a file, not an inline script: the CSP has none).
window.addEventListener("load", function () {
  if (typeof SwaggerUIBundle !== "function") {
    document.getElementById("swagger-ui").textContent =
      "The interactive reference is not installed on this server; the OpenAPI document is linked above.";
    return;
  }
  SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    defaultModelsExpandLevel: 0,
    validatorUrl: null,
  });
});
