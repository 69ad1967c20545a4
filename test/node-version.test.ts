import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { functionRuntime } from '../infra/constructs/esm-function';

const repo = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

describe('the Node version', () => {
  const [, major, minor] = /^>=(\d+)\.(\d+)$/.exec(engines) ?? [];

  it('is said the same way by package.json, README, CI and the Lambda runtime', () => {
    expect(engines).toBe('>=22.12');
    expect(read('README.md')).toContain(`Node.js ${major}.${minor} or newer`);
    expect(read('.ci/run')).toContain(`a > ${major} || (a === ${major} && b >= ${minor})`);
    expect(read('.ci/run')).toContain(`node-linux-\${arch}@${major}`);
    // CI refuses to test on an older Node than it promises (a developer's older Node only gets npm's engine warning).
    expect(read('.ci/run')).toContain('is older than package.json engines');
    expect(functionRuntime).toBe(Runtime[`NODEJS_${major}_X` as 'NODEJS_22_X']);
  });
});
