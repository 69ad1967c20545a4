import { ConflictError, NotFoundError } from '../../src/domain/errors';
import type { ArtifactStore, ListRunsQuery, Page, RunStore } from '../../src/domain/ports';
import type { ReportRun, RunStatus } from '../../src/domain/report-run';
import type { ObjectUploader, WebhookSender } from '../../src/domain/delivery/ports';

/** A RunStore in memory with the same conditional-update contract as the real one. */
export class MemoryRunStore implements RunStore {
  readonly runs = new Map<string, ReportRun>();

  async create(run: ReportRun): Promise<void> {
    if (this.runs.has(run.id)) throw new ConflictError(`run ${run.id} exists`);
    this.runs.set(run.id, structuredClone(run));
  }
  async get(id: string): Promise<ReportRun | undefined> {
    const run = this.runs.get(id);
    // A real store answers after I/O: yield so concurrent callers interleave as they would.
    await new Promise((resolve) => setImmediate(resolve));
    return run && structuredClone(run);
  }
  async update(id: string, patch: Partial<ReportRun>, expect?: { status?: RunStatus | RunStatus[] }): Promise<ReportRun> {
    await new Promise((resolve) => setImmediate(resolve));
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`run ${id}`);
    const allowed = expect?.status === undefined ? undefined : ([] as RunStatus[]).concat(expect.status);
    if (allowed && !allowed.includes(run.status)) throw new ConflictError(`run ${id} is ${run.status}`);
    const next = { ...run, ...structuredClone(patch) };
    this.runs.set(id, next);
    return structuredClone(next);
  }
  async list(_query: ListRunsQuery): Promise<Page<ReportRun>> {
    return { items: [...this.runs.values()].map((r) => structuredClone(r)) };
  }
  async countActive(owner: string, limit: number): Promise<number> {
    return Math.min(limit, [...this.runs.values()].filter((r) => r.owner === owner && (r.status === 'queued' || r.status === 'running')).length);
  }
  async delete(id: string): Promise<void> {
    this.runs.delete(id);
  }
}

/** Artifacts in memory; presigned URLs point nowhere but say what they sign. */
export class MemoryArtifactStore implements ArtifactStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key);
  }
  async presignGet(key: string, expiresInSeconds: number, filename?: string): Promise<string> {
    return `https://artifacts.example.com/${key}?expires=${expiresInSeconds}&filename=${encodeURIComponent(filename ?? '')}`;
  }
  async delete(keys: string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }
  async ping(): Promise<void> {}
}

/** A small but real-looking PDF body. */
export const pdfBytes = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'));

/** A finished run with a PDF and a CSV, delivered by e-mail and webhook. */
export function aFinishedRun(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    id: 'run-1',
    owner: 'alice',
    type: 'cost',
    status: 'succeeded',
    spec: {
      type: 'cost',
      formats: ['pdf', 'csv'],
      locale: 'en',
      theme: 'default',
      wasteShutoffDays: 30,
      accessiblePdf: false,
      title: 'Monthly cost <ACME & Co>',
    },
    delivery: {
      email: ['ops@example.com', 'finance@example.com'],
      webhook: { url: 'http://127.0.0.1:1/hook', secret: 'whsec-0123456789abcdef' },
    },
    createdAt: '2025-11-01T06:00:00.000Z',
    updatedAt: '2025-11-01T06:02:13.000Z',
    finishedAt: '2025-11-01T06:02:13.000Z',
    attempts: 1,
    artifacts: [
      { format: 'pdf', key: 'reports/run-1/report.pdf', bytes: pdfBytes.byteLength, contentType: 'application/pdf' },
      { format: 'csv', key: 'reports/run-1/report.csv', bytes: 12, contentType: 'text/csv' },
    ],
    stages: [],
    summary: { servers: 42, totalCost: 12345.678, topProject: '<script>alert(1)</script>' },
    ...overrides,
  };
}

/** For tests of other channels: fails the test if a delivery reaches it. */
export const unusedUploader: ObjectUploader = {
  upload: async () => {
    throw new Error('this test delivers no Swift upload');
  },
};

/** For tests of other channels: fails the test if a delivery reaches it. */
export const unusedWebhooks: WebhookSender = {
  send: async () => {
    throw new Error('this test delivers no webhook');
  },
};
