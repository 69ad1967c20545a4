import { describe, expect, it } from 'vitest';
import { swiftLimits, swiftPrefixMaxBytes } from '../../src/domain/delivery/swift-names';
import { reportFormats, reportTypes } from '../../src/domain/report-spec';
import { swiftObjectName } from '../../src/use-cases/delivery/swift-upload';
import { allScopes, expectProblem } from '../helpers/api-runtime';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';

const bytes = (s: string) => new TextEncoder().encode(s).length;
const report = (swift: Record<string, unknown>) => ({ type: 'inventory', formats: ['pdf'], delivery: { swift } });
const schedule = (swift: Record<string, unknown>) => ({ expression: 'rate(1 day)', timezone: 'UTC', report: { type: 'inventory' }, delivery: { swift } });

describe('Swift delivery names are checked at the door', () => {
  const { app, queue } = apiFakeApp();
  const post = async (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${await apiToken('alice', allScopes)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['.', '"." or ".."'],
    ['..', '"." or ".."'],
    ['a/b', '"/"'],
    ['', ''],
    ['x'.repeat(257), ''],
    ['é'.repeat(129), 'at most 256 bytes of UTF-8 (it has 258)'],
    ['a\u0000b', 'control characters'],
    ['line\nbreak', 'control characters'],
    ['a\u007fb', 'control characters'],
    ['bad\ud800', 'valid UTF-8'],
  ])('refuses the container %j: 400 naming delivery.swift.container', async (container, message) => {
    const queued = queue.jobs.length;
    for (const [path, body] of [
      ['/v1/reports', report({ container })],
      ['/v1/schedules', schedule({ container })],
    ] as const) {
      const problem = await expectProblem(await post(path, body), 400, 'validation-failed');
      expect(problem.errors).toEqual([{ path: 'delivery.swift.container', message: expect.stringContaining(message) }]);
    }
    expect(queue.jobs.length).toBe(queued);
  });

  it.each([
    ['../', '"." or ".."'],
    ['monthly/./', '"." or ".."'],
    ['monthly/..', '"." or ".."'],
    ['.', '"." or ".."'],
    ['é'.repeat(484), `at most ${swiftPrefixMaxBytes} bytes of UTF-8 (it has 968)`],
    ['x'.repeat(swiftPrefixMaxBytes + 1), ''],
    ['tab\there/', 'control characters'],
    ['nul\u0000/', 'control characters'],
    ['\udc00/', 'valid UTF-8'],
  ])('refuses the prefix %j: 400 naming delivery.swift.prefix', async (prefix, message) => {
    for (const [path, body] of [
      ['/v1/reports', report({ container: 'reports', prefix })],
      ['/v1/schedules', schedule({ container: 'reports', prefix })],
    ] as const) {
      const problem = await expectProblem(await post(path, body), 400, 'validation-failed');
      expect(problem.errors).toEqual([{ path: 'delivery.swift.prefix', message: expect.stringContaining(message) }]);
    }
  });

  it('names both fields when both are wrong', async () => {
    const problem = await expectProblem(await post('/v1/reports', report({ container: '..', prefix: './' })), 400, 'validation-failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['delivery.swift.container', 'delivery.swift.prefix']);
  });

  it.each([
    { container: 'reports' },
    { container: '.hidden' },
    { container: '..a' },
    { container: 'a.' },
    { container: 'é'.repeat(128) },
    { container: 'x'.repeat(256) },
    { container: 'relatórios 2025 #1?', prefix: 'custos/2025 11/' },
    { container: 'reports', prefix: '' },
    { container: 'reports', prefix: '..x/.y/' },
    { container: 'reports', prefix: '/leading//double/' },
    { container: 'reports', prefix: 'x'.repeat(swiftPrefixMaxBytes) },
  ])('accepts %j', async (swift) => {
    expect((await post('/v1/reports', report(swift))).status).toBe(202);
    expect((await post('/v1/schedules', schedule(swift))).status).toBe(201);
  });

  it('leaves room for the longest file name the delivery appends', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const longest = Math.max(...reportTypes.flatMap((type) => reportFormats.map((format) => bytes(swiftObjectName({ id, type }, { format }, '')))));
    expect(longest).toBe(swiftLimits.fileNameBytes);
    expect(swiftPrefixMaxBytes + swiftLimits.fileNameBytes).toBe(swiftLimits.objectNameBytes);
  });
});
