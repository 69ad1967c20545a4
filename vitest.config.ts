import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Chromium and the local servers are heavy: two workers match the two cores CI has.
    maxWorkers: 2,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', TMPDIR: '/tmp', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
