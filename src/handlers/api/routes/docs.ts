import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppEnv } from '../app-env';
import type { OpenApiDocument } from '../openapi/document';
import { problem } from '../problem';
import { docsFiles, isDocsFile, type DocsFile } from './docs-files';

export interface DocsOptions {
  /** Folder with swagger-ui-dist's files; default: the installed package (the Lambda bundle copies it next to its code). */
  swaggerUiDir?: string;
  maxBodyBytes: number;
}

// Relative URLs: the page is /v1/docs, so "docs/x" is /v1/docs/x and "openapi.json" is /v1/openapi.json,
// whatever prefix a custom domain mapping puts in front.
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>openstack-reports API</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <link rel="stylesheet" href="docs/index.css">
  <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="docs/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script src="docs/swagger-initializer.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const initializer = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

// Everything the page needs comes from this origin; Swagger UI sets inline styles and shows data: images.
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function installedSwaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `GET /openapi.json`, `GET /docs` (Swagger UI) and `GET /docs/{file}`: public, no authentication. */
export function docsRoutes(options: DocsOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let document: OpenApiDocument | undefined;
  const files = new Map<DocsFile, Promise<Uint8Array<ArrayBuffer>>>();

  function load(name: DocsFile): Promise<Uint8Array<ArrayBuffer>> {
    let file = files.get(name);
    if (!file) {
      file = readFile(join(options.swaggerUiDir ?? installedSwaggerUiDir(), name)).then((b) => new Uint8Array(b));
      // A failed read is not cached: the next request tries again.
      file.catch(() => files.delete(name));
      files.set(name, file);
    }
    return file;
  }

  // The document (operations, prose, examples) is a chunk of its own, imported by the first request for it: no cold start parses it.
  app.get('/openapi.json', async (c) => {
    document ??= (await import('../openapi/document')).openApiDocument({ maxBodyBytes: options.maxBodyBytes });
    return c.json({ ...document, servers: [{ url: c.get('baseUrl') }] });
  });

  app.get('/docs', (c) => c.html(page, 200, { 'content-security-policy': contentSecurityPolicy }));

  app.get('/docs/:file', async (c) => {
    const name = c.req.param('file');
    if (!isDocsFile(name)) return problem(c, 404, 'not-found', `No file ${name} in the docs.`);
    const headers = { 'content-type': docsFiles[name], 'cache-control': 'public, max-age=3600' };
    if (name === 'swagger-initializer.js') return c.body(initializer, 200, headers);
    return c.body(await load(name), 200, headers);
  });

  return app;
}
