/**
 * The files the docs page loads from `/v1/docs/{file}`, with their content types: swagger-ui-dist's
 * own, plus `swagger-initializer.js`, which is ours (it points Swagger UI at our document). Nothing
 * else under that path is served.
 */
export const docsFiles = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-initializer.js': 'text/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
} as const;

export type DocsFile = keyof typeof docsFiles;

/** True when `name` is one of the files the docs page may load. */
export function isDocsFile(name: string): name is DocsFile {
  return Object.hasOwn(docsFiles, name);
}

/** The files the page loads from swagger-ui-dist (the Lambda bundle must carry exactly these). */
export const swaggerUiDistFiles = (Object.keys(docsFiles) as DocsFile[]).filter((name) => name !== 'swagger-initializer.js');
