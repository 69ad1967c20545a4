/**
 * The metrics as the AWS functions write them: CloudWatch embedded metric format lines on stdout,
 * flushed at the end of an invocation. The local runtime runs the very handlers and use cases with
 * the EMF adapter in place of Prometheus, then flushes as the Lambda handlers do; the lines printed
 * are read back and checked against the specification and the metric catalogue.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmfMetrics, emfServiceName } from '../../src/adapters/aws/emf-metrics';
import { cloudWatchNamespace, metricCatalogue, type MetricName } from '../../src/domain/metric-catalogue';
import { startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

describe('metrics in CloudWatch embedded metric format', () => {
  let api: ApiRuntime;
  const metrics = new EmfMetrics();
  let lines: EmfLine[] = [];
  let raw: string[] = [];
  const runIds: string[] = [];

  beforeAll(async () => {
    api = await startApiRuntime({
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1, { name: 'alpha' })]),
      visibilityTimeoutMs: 60_000,
      downloadUrlTtlSeconds: 60,
      telemetry: { metrics },
    });
    const token = await api.rt.mintToken('bob', ['reports:read', 'reports:write']);
    const request = async (body: unknown) => {
      const { id } = (await (await api.call('POST', '/v1/reports', { token, body })).json()) as { id: string };
      runIds.push(id);
      return api.waitForRun(token, id);
    };
    await request({ type: 'usage', formats: ['pdf', 'json'] });
    await request({ type: 'usage', scope: { projectNames: ['gone'] } });

    // What the Lambda handlers do at the end of an invocation, with stdout read back.
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      raw.push(String(chunk));
      return true;
    });
    try {
      await metrics.flush();
    } finally {
      write.mockRestore();
    }
    raw = raw.join('').split('\n').filter(Boolean);
    lines = raw.map((l) => JSON.parse(l) as EmfLine);
  }, 60_000);

  afterAll(() => api?.close());

  /** The lines whose dimensions have these values. */
  const withDimensions = (values: Record<string, string>) => lines.filter((l) => Object.entries(values).every(([k, v]) => l[k] === v));

  it('prints one valid EMF object per line: namespace, dimension sets and metrics with units, each value at the top level', () => {
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line._aws.Timestamp).toBeTypeOf('number');
      expect(line._aws.CloudWatchMetrics).toHaveLength(1);
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive!.Namespace).toBe(cloudWatchNamespace);
      expect(directive!.Dimensions).toHaveLength(1);
      for (const dimension of directive!.Dimensions[0]!) expect(line[dimension], dimension).toBeTypeOf('string');
      for (const metric of directive!.Metrics) {
        const value = line[metric.Name];
        expect(typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number')), metric.Name).toBe(true);
      }
    }
  });

  it('uses the catalogue: each metric with its unit and exactly its labels (and the service) as dimensions', () => {
    for (const line of lines) {
      const [directive] = line._aws.CloudWatchMetrics;
      for (const metric of directive!.Metrics) {
        const def = metricCatalogue[metric.Name as MetricName];
        expect(def, metric.Name).toBeDefined();
        expect(metric.Unit).toBe(def.unit);
        expect([...directive!.Dimensions[0]!].sort()).toEqual(['service', ...def.labels].sort());
      }
      expect(line.service).toBe(emfServiceName);
    }
  });

  it('has the runs by type, outcome and failure class, and the stage durations of the run', () => {
    expect(withDimensions({ type: 'usage', source: 'api' })[0]?.runs_requested_total).toBe(2);
    expect(withDimensions({ type: 'usage', outcome: 'succeeded', failure_class: 'none' })[0]?.runs_total).toBe(1);
    expect(withDimensions({ type: 'usage', outcome: 'failed', failure_class: 'project_not_found' })[0]?.runs_total).toBe(1);
    for (const stage of ['fetch', 'render', 'store']) {
      expect(withDimensions({ type: 'usage', stage })[0]?.stage_duration_seconds, stage).toBeTypeOf('number');
    }
    expect(withDimensions({ type: 'usage', format: 'pdf' })[0]?.rendered_bytes_total).toBeGreaterThan(500);
    expect(withDimensions({ type: 'usage' }).find((l) => 'rendered_pages_total' in l)?.rendered_pages_total).toBe(1);
    expect(withDimensions({ kind: 'run' })[0]?.queue_age_seconds).toHaveLength(2);
  });

  it('never makes a run id or an owner a dimension value', () => {
    for (const id of runIds) expect(raw.join('\n')).not.toContain(id);
    expect(raw.join('\n')).not.toContain('bob');
  });

  it('keeps the dimensions on every line when a histogram has more values than one EMF line holds (100)', async () => {
    const many = new EmfMetrics();
    for (let i = 0; i < 250; i++) many.observe('queue_age_seconds', { kind: 'deliver' }, i);
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await many.flush();
    } finally {
      write.mockRestore();
    }
    const printed = out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EmfLine);
    expect(printed.map((l) => (l.queue_age_seconds as number[]).length)).toEqual([100, 100, 50]);
    for (const line of printed) {
      expect(line.kind).toBe('deliver');
      expect(line._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'kind']]);
    }
  });

  it("keeps Powertools' service dimension apart from the OpenStack service a request went to", async () => {
    expect(Object.values(metricCatalogue).flatMap((m) => m.labels)).not.toContain('service');
    const requests = new EmfMetrics();
    requests.count('openstack_requests_total', { openstack_service: 'compute', method: 'GET', status: '200' }, 3);
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await requests.flush();
    } finally {
      write.mockRestore();
    }
    const [line] = out
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EmfLine);
    expect(line).toMatchObject({ service: emfServiceName, openstack_service: 'compute', method: 'GET', status: '200', openstack_requests_total: 3 });
    expect(line!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'openstack_service', 'method', 'status']]);
  });

  it('prints nothing more once flushed: each invocation writes its own', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await metrics.flush();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
