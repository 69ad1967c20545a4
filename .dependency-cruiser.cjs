/**
 * The architecture, held in place: `npm run lint` (and so `npm test`) fails on any arrow below.
 * Layers of src/, from the bottom up:
 *   domain/         the model and the ports; imports nothing of ours
 *   use-cases/      one use case a file; imports only the domain
 *   report-engine/  builds a report's data (pricing, periods, filters); imports only the domain
 *   presentation/   templates, charts, PDF assembly, CSV, e-mail bodies; the domain and the
 *                   engine's view model (report-engine/report-data.ts)
 *   adapters/       AWS, OpenStack, Chromium, HTTP, JWT and the local stand-ins; the domain only
 *                   (and each other, without cycles)
 *   handlers/       the HTTP API, the queue consumers and the CLI commands; use cases and domain
 *   wiring/         builds each function's dependencies, per environment; imports everything
 *   demo-cloud/     a fake OpenStack for `npm start` and the tests; imports nothing of ours
 * Beside src/: console/ (the web console, a browser app) imports nothing of src/: it speaks to the
 * API only through the client generated from the OpenAPI document.
 */
const layer = (name, comment, from, allowed) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('domain-imports-nothing-of-ours', 'The domain model and the ports are the bottom layer.', '^src/domain/', '^src/domain/'),
    layer('use-cases-import-only-domain', 'Use cases see the domain and its ports, nothing else.', '^src/use-cases/', '^src/(domain|use-cases)/'),
    layer('report-engine-imports-only-domain', 'The report engine builds data from domain types only.', '^src/report-engine/', '^src/(domain|report-engine)/'),
    layer(
      'presentation-imports-only-domain-and-view-model',
      "Presentation reads the domain and the engine's view model, nothing else.",
      '^src/presentation/',
      '^src/(domain|presentation)/|^src/report-engine/report-data[.]ts$',
    ),
    layer('adapters-import-only-domain', 'Adapters implement domain ports.', '^src/adapters/', '^src/(domain|adapters)/'),
    layer('handlers-import-use-cases-and-domain', 'Handlers call use cases.', '^src/handlers/', '^src/(domain|use-cases|handlers)/'),
    layer('demo-cloud-stands-alone', 'The demo cloud is a separate fake OpenStack.', '^src/demo-cloud/', '^src/demo-cloud/'),
    {
      name: 'console-imports-nothing-of-src',
      comment: 'The web console runs in the browser and knows the API only by its OpenAPI document.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^(src|test|bench|infra|scripts|bin)/' },
    },
    {
      name: 'only-wiring-imports-wiring',
      comment: 'Wiring is the top: nothing below it imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/wiring/' },
      to: { path: '^src/wiring/' },
    },
    {
      name: 'src-imports-no-tests-or-tools',
      comment: 'Product code never imports tests, benchmarks or infrastructure.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|infra|scripts)/' },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'Every relative import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^aws-lambda$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk[.]out|dist|coverage)/' },
    // Type-only imports are arrows too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
