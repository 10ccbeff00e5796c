// The API documentation page (templates/api/docs.html): Swagger UI from the vendored bundle,
// started here rather than inline so the Content Security Policy holds. "Try it out" from a
// logged-in browser sends the CSRF token, as the site's own forms do.
(function () {
  const root = document.getElementById("swagger-ui");
  const csrf = root.dataset.csrfToken;
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: (request) => {
      if (csrf && !request.headers.Authorization) {
        request.headers["X-CSRFToken"] = csrf;
      }
      return request;
    },
  });
})();
