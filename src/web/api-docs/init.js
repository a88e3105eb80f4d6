// The API reference page's start-up (/api/docs), a file of its own: the Content-Security-Policy
// allows no inline script. Copied as is into the build by vite.config.ts.
globalThis.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  // Never send the document to the public validator at swagger.io.
  validatorUrl: null,
});
