import { randomBytes } from 'node:crypto';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowertoolsLoggerAdapter } from '../../src/adapters/aws/powertools-logger';
import { allScopes, expectProblem, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';
import { AsyncLocalContextManager, captureLogLines } from '../helpers/log-lines';
import { until } from '../helpers/until';

// The local runtime with its real logger (Powertools JSON lines), read back from the process's output.
describe('log lines that correlate, locally', () => {
  let api: ApiRuntime;
  let cap: ReturnType<typeof captureLogLines>;
  let token: string;
  // A trace made active around the runtime, as the OpenTelemetry SDK would make one (no exporter needed).
  const active = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.SAMPLED };

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    context.setGlobalContextManager(new AsyncLocalContextManager());
    cap = captureLogLines();
    api = await context.with(trace.setSpanContext(context.active(), active), () =>
      startApiRuntime({ logger: new PowertoolsLoggerAdapter({ serviceName: 'openstack-reports' }) }),
    );
    token = await api.rt.mintToken('alice', allScopes);
  });
  afterAll(async () => {
    await api?.close();
    cap?.restore();
    context.disable();
    delete process.env.POWERTOOLS_LOG_LEVEL;
  });

  it('gives every answer its own X-Request-Id, which a problem repeats, whatever the client sent', async () => {
    const a = await api.call('GET', '/v1/reports/nope', { token, headers: { 'x-request-id': 'forged' } });
    const b = await api.call('GET', '/v1/nowhere');
    const ok = await api.call('GET', '/v1/openapi.json');
    await ok.arrayBuffer();
    const ids = [a, b, ok].map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[\w-]{8,}$/);
    expect((await expectProblem(a, 404)).requestId).toBe(ids[0]);
    expect((await expectProblem(b, 404)).requestId).toBe(ids[1]);
  });

  it("puts the run id and the trace id on every line of a report, the API's request id on the API's", async () => {
    const from = cap.lines().length;
    const res = await api.call('POST', '/v1/reports', {
      token,
      body: { type: 'inventory', formats: ['json', 'csv'], delivery: { email: ['ops@example.com'] } },
    });
    expect(res.status).toBe(202);
    const requestId = res.headers.get('x-request-id');
    const { id } = (await res.json()) as { id: string };
    expect((await api.waitForRun(token, id)).status).toBe('succeeded');
    // Delivery is a job of its own; wait for its line too.
    await until('the e-mail delivery line', async () => cap.lines().find((l) => l.runId === id && l.channel === 'email'), 5_000);

    const lines = cap.lines().slice(from);
    const apiLines = lines.filter((l) => l.requestId !== undefined);
    const jobLines = lines.filter((l) => l.requestId === undefined);
    const requested = apiLines.find((l) => l.message === 'report requested');
    expect(requested).toMatchObject({ requestId, runId: id, trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // The worker's lines: the run started, data built, run succeeded, delivered by e-mail; none has the API request's id.
    expect(jobLines.map((l) => l.message)).toEqual(expect.arrayContaining(['run started', 'run succeeded', 'delivered']));
    for (const line of jobLines) expect(line, JSON.stringify(line)).toMatchObject({ runId: id, trace_id: requested!.trace_id });
    expect(jobLines.find((l) => l.message === 'delivered')).toMatchObject({ channel: 'email' });
  });
});
