/**
 * Metrics and traces of the local service, end to end: the demo cloud, real Chromium, dynalite,
 * s3rver, the outbox and a webhook receiver. After one report that succeeds (delivered by e-mail and
 * webhook) and one that fails, `GET /metrics` shows the counters and stage histograms with the
 * values the run records say, and an OTLP receiver on 127.0.0.1 gets one trace per report that goes
 * from the API request through the queue to the worker's stages and each delivery.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { metricCatalogue, prometheusName } from '../../src/domain/metric-catalogue';
import { localTelemetry } from '../../src/wiring/local/local-telemetry';
import { openCloud, type OpenedCloud } from '../../src/wiring/local/open-cloud';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver';

type Run = {
  id: string;
  status: string;
  type: string;
  error?: { code: string };
  stages: { name: string; ms: number }[];
  artifacts?: { format: string; bytes: number }[];
  deliveries?: Record<string, { status: string; attempts: number }>;
};

/** The value of the sample `name{labels…}` in a Prometheus exposition (labels given must match; others may be there). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** The sum of every sample of `name` whose labels include `labels`. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

describe('metrics and traces of the local service', () => {
  let dir: string;
  let rt: LocalRuntime;
  let cloud: OpenedCloud;
  let token: string;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let telemetry: ReturnType<typeof localTelemetry>;
  let succeeded: Run;
  let failed: Run;
  let pdfPages: number;
  let metrics: string;

  const call = async (method: string, path: string, body?: unknown) =>
    fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function settle(id: string, deliveries: string[]): Promise<Run> {
    for (let i = 0; i < 1200; i++) {
      const run = (await (await call('GET', `/v1/reports/${id}`)).json()) as Run;
      const delivered = deliveries.every((c) => ['sent', 'failed'].includes(run.deliveries?.[c]?.status ?? ''));
      if ((run.status === 'succeeded' && delivered) || run.status === 'failed') return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`run ${id} did not settle`);
  }

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    telemetry = localTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    cloud = await openCloud({ env: {}, demo: { servers: 8, projects: 2, seed: 7 }, telemetry });
    dir = await mkdtemp(join(tmpdir(), 'osr-telemetry-'));
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => cloud.inventory,
      maxReceiveCount: 3,
      visibilityTimeoutMs: 60_000,
      downloadUrlTtlSeconds: 60,
      logger: silentLogger,
      telemetry,
    });
    token = await rt.mintToken('alice', ['reports:read', 'reports:write']);

    const ok = (await (
      await call('POST', '/v1/reports', {
        type: 'inventory',
        formats: ['pdf', 'csv'],
        delivery: { email: ['ops@example.com'], webhook: { url: `${receiver.url}/hook`, secret: 'a-secret-of-16-chars' } },
      })
    ).json()) as { id: string };
    succeeded = await settle(ok.id, ['email', 'webhook']);
    const bad = (await (await call('POST', '/v1/reports', { type: 'inventory', scope: { projectNames: ['no-such-project'] } })).json()) as { id: string };
    failed = await settle(bad.id, []);

    const download = await call('GET', `/v1/reports/${ok.id}/download?format=pdf`);
    const pdf = new Uint8Array(await (await fetch(download.url)).arrayBuffer());
    pdfPages = (await PDFDocument.load(pdf)).getPageCount();
    metrics = await (await fetch(`${rt.url}/metrics`)).text();
    await telemetry.tracer.flush();
  }, 120_000);

  afterAll(async () => {
    await rt?.close();
    await cloud?.close();
    await telemetry?.shutdown();
    await receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ran one report to the end and failed the other (the premise of what follows)', () => {
    expect(succeeded.status).toBe('succeeded');
    expect(succeeded.deliveries?.email?.status).toBe('sent');
    expect(succeeded.deliveries?.webhook?.status).toBe('sent');
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('project_not_found');
  });

  it('counts the runs requested, succeeded and failed, by type, outcome and failure class', async () => {
    const res = await fetch(`${rt.url}/metrics`);

    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(metrics, 'openstack_reports_runs_requested_total', { type: 'inventory', source: 'api' })).toBe(2);
    expect(sample(metrics, 'openstack_reports_runs_total', { type: 'inventory', outcome: 'succeeded', failure_class: 'none' })).toBe(1);
    expect(sample(metrics, 'openstack_reports_runs_total', { type: 'inventory', outcome: 'failed', failure_class: 'project_not_found' })).toBe(1);
    expect(total(metrics, 'openstack_reports_runs_total')).toBe(2);
  });

  it('has a duration histogram for every stage the run record names, and one per delivery channel', () => {
    expect(succeeded.stages.map((s) => s.name)).toEqual(['fetch', 'render', 'store']);
    for (const stage of [...succeeded.stages.map((s) => s.name), 'deliver_email', 'deliver_webhook']) {
      expect(sample(metrics, 'openstack_reports_stage_duration_seconds_count', { type: 'inventory', stage }), stage).toBe(1);
    }
    // The failed run stopped in `fetch`, which therefore has no duration.
    expect(failed.stages).toEqual([]);
    const renderSeconds = sample(metrics, 'openstack_reports_stage_duration_seconds_sum', { stage: 'render' });
    expect(renderSeconds).toBeCloseTo(succeeded.stages.find((s) => s.name === 'render')!.ms / 1000, 3);
  });

  it('counts pages and bytes rendered, deliveries, queue pick-ups and OpenStack requests', () => {
    expect(sample(metrics, 'openstack_reports_rendered_pages_total', { type: 'inventory' })).toBe(pdfPages);
    for (const artifact of succeeded.artifacts ?? []) {
      expect(sample(metrics, 'openstack_reports_rendered_bytes_total', { type: 'inventory', format: artifact.format })).toBe(artifact.bytes);
    }
    expect(sample(metrics, 'openstack_reports_delivery_attempts_total', { channel: 'email' })).toBe(1);
    expect(sample(metrics, 'openstack_reports_delivery_attempts_total', { channel: 'webhook' })).toBe(1);
    expect(sample(metrics, 'openstack_reports_delivery_failures_total', { channel: 'webhook' })).toBeUndefined();
    expect(sample(metrics, 'openstack_reports_queue_age_seconds_count', { kind: 'run' })).toBe(2);
    expect(sample(metrics, 'openstack_reports_queue_age_seconds_count', { kind: 'deliver' })).toBe(2);
    expect(sample(metrics, 'openstack_reports_openstack_requests_total', { openstack_service: 'identity', method: 'POST', status: '201' })).toBeGreaterThan(0);
    expect(total(metrics, 'openstack_reports_openstack_requests_total', { openstack_service: 'compute', method: 'GET', status: '200' })).toBeGreaterThan(0);
  });

  it('names every metric of the catalogue, with its help text, and no label outside it', () => {
    for (const [name, def] of Object.entries(metricCatalogue)) {
      expect(metrics).toContain(`# HELP ${prometheusName(name as keyof typeof metricCatalogue)} ${def.help}`);
      expect(metrics).toContain(`# TYPE ${prometheusName(name as keyof typeof metricCatalogue)} ${def.kind}`);
    }
    // No run id, owner or server name ever becomes a label value.
    expect(metrics).not.toContain(succeeded.id);
    expect(metrics).not.toContain('alice');
  });

  describe('the trace of a report', () => {
    let trace: ReceivedSpan[];
    const named = (name: string) => trace.filter((s) => s.name === name);
    const one = (name: string) => {
      const found = named(name);
      expect(found, name).toHaveLength(1);
      return found[0]!;
    };

    beforeAll(() => {
      const root = receiver.spans.find(
        (s) =>
          s.name === 'POST /v1/reports' && receiver.spans.some((c) => c.traceId === s.traceId && c.attributes['openstack_reports.run.id'] === succeeded.id),
      );
      trace = receiver.spans.filter((s) => s.traceId === root?.traceId);
    });

    it('goes from the API request through the queue to the worker and each delivery, as one trace', () => {
      const request = one('POST /v1/reports');
      expect(request.parentSpanId).toBeUndefined();
      expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/v1/reports', 'http.response.status_code': 202 });
      const processRun = one('process run');
      const send = trace.find((s) => s.spanId === processRun.parentSpanId)!;
      expect(send.name).toBe('send jobs');
      expect(send.parentSpanId).toBe(request.spanId);
      // The worker's stages are children of the job's span; the deliveries are jobs the run sent.
      for (const stage of ['fetch', 'render', 'store']) expect(one(stage).parentSpanId).toBe(processRun.spanId);
      const deliveries = named('process deliver');
      expect(deliveries.map((d) => d.attributes['openstack_reports.channel']).sort()).toEqual(['email', 'webhook']);
      for (const d of deliveries) expect(trace.find((s) => s.spanId === d.parentSpanId)?.name).toBe('send jobs');
      expect(trace.find((s) => s.spanId === one('deliver email').parentSpanId)?.name).toBe('process deliver');
      expect(one('SMTP send').parentSpanId).toBe(one('deliver email').spanId);
      expect(one('POST webhook').parentSpanId).toBe(one('deliver webhook').spanId);
      expect(one('POST webhook').attributes['http.response.status_code']).toBe(204);
    });

    it('has a span per OpenStack request with service, method, status and x-openstack-request-id', () => {
      const requests = trace.filter((s) => s.attributes['openstack.service'] !== undefined);
      expect(requests.length).toBeGreaterThan(3);
      for (const r of requests) {
        expect(r.attributes['openstack.request_id']).toMatch(/^req-[0-9a-f-]{36}$/);
        expect(r.attributes['http.response.status_code']).toBeTypeOf('number');
        expect(r.attributes['url.full']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      }
      expect(new Set(requests.map((r) => r.attributes['openstack.service']))).toContain('compute');
      // Under the fetch stage (directly, or under an authentication they waited for).
      const fetchSpan = one('fetch');
      const ancestors = (s: ReceivedSpan): string[] => {
        const parent = trace.find((p) => p.spanId === s.parentSpanId);
        return parent ? [parent.spanId, ...ancestors(parent)] : [];
      };
      expect(requests.filter((r) => ancestors(r).includes(fetchSpan.spanId)).length).toBeGreaterThan(0);
    });

    it('has the Chromium print and the S3 writes under their stages', () => {
      for (const print of named('chromium print')) expect(print.parentSpanId).toBe(one('render').spanId);
      expect(named('chromium print').length).toBeGreaterThan(0);
      const writes = named('S3.PutObject');
      expect(writes.map((w) => w.attributes['aws.s3.key']).sort()).toEqual([
        `reports/${succeeded.id}/data.json`,
        `reports/${succeeded.id}/report.csv`,
        `reports/${succeeded.id}/report.pdf`,
      ]);
      for (const w of writes) expect(w.parentSpanId).toBe(one('store').spanId);
    });

    it('keeps the failed report in a trace of its own', () => {
      const failedSpans = receiver.spans.filter((s) => s.attributes['openstack_reports.run.id'] === failed.id);
      expect(failedSpans.length).toBeGreaterThan(0);
      expect(new Set(failedSpans.map((s) => s.traceId)).size).toBe(1);
      expect(failedSpans[0]!.traceId).not.toBe(trace[0]!.traceId);
    });
  });
});
