/**
 * Examples for the OpenAPI document, in the demo cloud's vocabulary (projects `demo` and `admin`,
 * servers `web-0001`): one owner, `alice`, asks for last month's cost of two projects, lists her
 * runs, and keeps a weekly schedule. Each value is typed with the zod schema it illustrates, and
 * `test/api/openapi-examples.test.ts` parses every one with that schema (and Redocly validates them
 * against the document's JSON Schema), so they cannot drift from what the API accepts and sends.
 */
import type * as z from 'zod';
import type { createReportBodySchema } from '../../../domain/report-spec';
import type { createScheduleBodySchema, updateScheduleBodySchema } from '../../../domain/schedules/schedule';
import type { schedulePreviewBodySchema } from '../../../domain/schedules/preview-body';
import { TooManyRunsError } from '../../../domain/errors';
import { problemBody } from '../problem';
import type {
  gatewayMessageSchema,
  healthSchema,
  problemSchema,
  projectListSchema,
  reportAcceptedSchema,
  reportPageSchema,
  reportRunSchema,
  schedulePageSchema,
  scheduleRunAcceptedSchema,
  schedulePreviewSchema,
  scheduleSchema,
  statsSchema,
} from './response-schemas';

/** An OpenAPI Example Object. */
export interface Example {
  summary: string;
  description?: string;
  value: unknown;
}
/** Named examples of one media type. */
export type Examples = Record<string, Example>;

type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;
type Problem = Out<typeof problemSchema>;

const base = 'https://reports.example.com';
const bucket = 'https://openstack-reports-artifacts.s3.eu-central-1.amazonaws.com';

/** Resource ids the examples share (and the path parameters show). */
export const exampleIds = {
  costRun: 'af64e516-2654-4c6b-af33-90e23d98aa4e',
  inventoryRun: 'c4d46e8d-0d55-499f-a4db-1fc93c1c73b7',
  failedRun: '3b9e0f4a-7c21-4d8e-9a55-2f6c1d0b8e47',
  schedule: '0dbc590d-b98f-44a1-a9df-b969cf7cb038',
  scheduleRun: '5fec2263-590d-560b-ab7f-d7fc0f34623b',
} as const;

const reportUrl = (id: string) => `${base}/v1/reports/${id}`;
const scheduleUrl = `${base}/v1/schedules/${exampleIds.schedule}`;

/** A presigned S3 URL of an artifact, as the API hands them out (signature shortened). */
function presigned(id: string, type: string, format: string, date: string): string {
  const file = encodeURIComponent(`attachment; filename="${type}-report-${id}.${format}"`);
  return (
    `${bucket}/reports/${id}/report.${format}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD` +
    `&X-Amz-Credential=ASIAEXAMPLEKEYID%2F${date.slice(0, 8)}%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=900` +
    `&X-Amz-Signature=3f5c0d9e8b7a61f2c4d3e2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1&X-Amz-SignedHeaders=host` +
    `&response-content-disposition=${file}&x-id=GetObject`
  );
}

// Request bodies.

const costReportRequest = {
  type: 'cost',
  scope: { projectNames: ['demo', 'admin'] },
  period: { preset: 'last-month', timezone: 'Europe/Berlin' },
  formats: ['pdf', 'csv'],
  delivery: { email: ['finance@example.com'] },
} satisfies In<typeof createReportBodySchema>;

const chargebackReportRequest = {
  type: 'cost',
  groupBy: ['metadata:cost_center'],
  step: 'day',
  compare: true,
  period: { preset: 'month-to-date', timezone: 'Europe/Berlin' },
  budgets: [{ keys: ['CC-1010'], amount: '1500' }],
  formats: ['json', 'csv'],
} satisfies In<typeof createReportBodySchema>;

const inventoryReportRequest = {
  type: 'inventory',
  scope: { projectNames: ['demo'] },
  filters: { namePattern: 'web-*' },
  formats: ['pdf', 'json'],
} satisfies In<typeof createReportBodySchema>;

const weeklyScheduleRequest = {
  name: 'Weekly cost, demo and admin',
  expression: 'cron(0 8 ? * MON *)',
  timezone: 'Europe/Berlin',
  report: { type: 'cost', scope: { projectNames: ['demo', 'admin'] }, period: { preset: 'last-7-days' }, formats: ['pdf', 'csv'] },
  delivery: {
    email: ['finance@example.com'],
    webhook: { url: 'https://hooks.example.com/openstack-reports', secret: 'whsec-3c1f9a7e52d04b86' },
  },
} satisfies In<typeof createScheduleBodySchema>;

export const requestExamples = {
  createReport: {
    cost: {
      summary: "Last month's cost of demo and admin, e-mailed",
      description: 'Months as seen in Berlin; a PDF and a CSV; a copy to finance.',
      value: costReportRequest,
    },
    chargeback: {
      summary: 'Month-to-date cost by cost centre, per day, against last period and a budget',
      description:
        'Groups by the servers’ `cost_center` property; the JSON has the grouping, the daily series, the comparison, the month-end forecast and the budget’s use.',
      value: chargebackReportRequest,
    },
    inventory: { summary: 'Inventory of the web servers of demo, as PDF and JSON', value: inventoryReportRequest },
    smallest: { summary: 'The smallest request: a PDF inventory of every project', value: { type: 'inventory' } satisfies In<typeof createReportBodySchema> },
  },
  createSchedule: {
    weekly: { summary: 'Every Monday at 08:00 in Berlin: last week’s cost of demo and admin', value: weeklyScheduleRequest },
    budgetAlert: {
      summary: 'A budget alert: checked every morning, e-mailed once per threshold and month',
      description:
        'Runs the month-to-date cost by cost centre every day at 07:00; delivers only when a cost centre reaches 80 % or 100 % of its budget, or is forecast to, once per threshold and month. Every run is kept, with the reason it was or was not delivered (`deliveryGate`).',
      value: {
        name: 'Budget alert, cost centres',
        expression: 'cron(0 7 * * ? *)',
        timezone: 'America/Sao_Paulo',
        report: {
          type: 'cost',
          groupBy: ['metadata:cost_center'],
          period: { preset: 'month-to-date' },
          budgets: [{ keys: ['CC-1010'], amount: '1500.00' }],
          formats: ['pdf', 'xlsx'],
        },
        delivery: { email: ['finance@example.com'] },
        deliverWhen: { budgetThresholds: [80, 100], includeForecast: true },
      } satisfies In<typeof createScheduleBodySchema>,
    },
  },
  replaceSchedule: {
    weekly: {
      summary: 'The same schedule without the webhook',
      description: 'A complete schedule: `delivery.webhook`, left out, is removed.',
      value: { ...weeklyScheduleRequest, delivery: { email: ['finance@example.com'] } } satisfies In<typeof createScheduleBodySchema>,
    },
  },
  updateSchedule: {
    pause: { summary: 'Pause the schedule', value: { enabled: false } satisfies In<typeof updateScheduleBodySchema> },
    later: {
      summary: 'Move it to 09:30 and clear its name',
      value: { expression: 'cron(30 9 ? * MON *)', name: null } satisfies In<typeof updateScheduleBodySchema>,
    },
  },
  previewSchedule: {
    weekly: {
      summary: 'Every Monday at 08:00 in Berlin',
      value: { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin' } satisfies In<typeof schedulePreviewBodySchema>,
    },
    ptBR: {
      summary: 'The same, described in Brazilian Portuguese (or send `Accept-Language: pt-BR`)',
      value: { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin', locale: 'pt-BR' } satisfies In<typeof schedulePreviewBodySchema>,
    },
    rate: {
      summary: 'Every 6 hours from a start date',
      value: { expression: 'rate(6 hours)', timezone: 'America/Sao_Paulo', startDate: '2026-12-03T00:00:00-03:00' } satisfies In<
        typeof schedulePreviewBodySchema
      >,
    },
  },
} satisfies Record<string, Examples>;

// Responses.

const costRun = {
  id: exampleIds.costRun,
  type: 'cost',
  status: 'succeeded',
  owner: 'alice',
  createdAt: '2026-12-01T08:15:02.118Z',
  updatedAt: '2026-12-01T08:15:05.904Z',
  startedAt: '2026-12-01T08:15:02.301Z',
  finishedAt: '2026-12-01T08:15:04.377Z',
  attempts: 1,
  stages: [
    { name: 'fetch', startedAt: '2026-12-01T08:15:02.322Z', ms: 84 },
    { name: 'render', startedAt: '2026-12-01T08:15:02.406Z', ms: 1866 },
    { name: 'store', startedAt: '2026-12-01T08:15:04.272Z', ms: 105 },
  ],
  summary: {
    type: 'cost',
    title: 'Estimated cost',
    projects: 2,
    periodStart: '2026-10-31T23:00:00.000Z',
    periodEnd: '2026-11-30T23:00:00.000Z',
    currency: 'USD',
    total: '8583.42',
    subtotal: '8830.68',
    discount: '883.07',
    tax: '635.81',
    costLines: 36,
    wasteItems: 5,
    wasteCost: '2148.51',
  },
  deliveries: {
    email: { status: 'sent', attempts: 1, at: '2026-12-01T08:15:05.904Z', recipients: [{ address: 'finance@example.com', status: 'sent' }] },
  },
  spec: {
    type: 'cost',
    scope: { projectNames: ['demo', 'admin'] },
    period: { preset: 'last-month', timezone: 'Europe/Berlin' },
    formats: ['pdf', 'csv'],
    locale: 'en',
    theme: 'default',
    wasteShutoffDays: 30,
    accessiblePdf: false,
  },
  artifacts: [
    {
      format: 'pdf',
      bytes: 56855,
      contentType: 'application/pdf',
      download: `${reportUrl(exampleIds.costRun)}/download?format=pdf`,
      url: presigned(exampleIds.costRun, 'cost', 'pdf', '20261201T081510Z'),
    },
    {
      format: 'csv',
      bytes: 5877,
      contentType: 'text/csv; charset=utf-8; header=present',
      download: `${reportUrl(exampleIds.costRun)}/download?format=csv`,
      url: presigned(exampleIds.costRun, 'cost', 'csv', '20261201T081510Z'),
    },
  ],
  links: {
    self: reportUrl(exampleIds.costRun),
    download: `${reportUrl(exampleIds.costRun)}/download`,
    data: `${reportUrl(exampleIds.costRun)}/data`,
  },
} satisfies Out<typeof reportRunSchema>;

/** Runs in a list carry no presigned URLs (only `GET /v1/reports/{id}` signs them). */
function listed(run: Out<typeof reportRunSchema>): Out<typeof reportRunSchema> {
  return { ...run, artifacts: run.artifacts.map(({ url: _url, ...a }) => a) };
}

const inventoryRun = {
  id: exampleIds.inventoryRun,
  type: 'inventory',
  status: 'succeeded',
  owner: 'alice',
  createdAt: '2026-12-01T09:02:41.530Z',
  updatedAt: '2026-12-01T09:02:42.044Z',
  startedAt: '2026-12-01T09:02:41.702Z',
  finishedAt: '2026-12-01T09:02:42.044Z',
  attempts: 1,
  stages: [
    { name: 'fetch', startedAt: '2026-12-01T09:02:41.719Z', ms: 85 },
    { name: 'render', startedAt: '2026-12-01T09:02:41.804Z', ms: 214 },
    { name: 'store', startedAt: '2026-12-01T09:02:42.018Z', ms: 26 },
  ],
  summary: { type: 'inventory', title: 'VM inventory', projects: 1, servers: 2, vcpus: 4, ramGb: 8, volumes: 1, volumeGb: 20, floatingIps: 1 },
  spec: {
    type: 'inventory',
    scope: { projectNames: ['demo'] },
    filters: { namePattern: 'web-*' },
    formats: ['pdf', 'json'],
    locale: 'en',
    theme: 'default',
    wasteShutoffDays: 30,
    accessiblePdf: false,
  },
  artifacts: [
    { format: 'pdf', bytes: 49707, contentType: 'application/pdf', download: `${reportUrl(exampleIds.inventoryRun)}/download?format=pdf` },
    { format: 'json', bytes: 3112, contentType: 'application/json', download: `${reportUrl(exampleIds.inventoryRun)}/download?format=json` },
  ],
  links: {
    self: reportUrl(exampleIds.inventoryRun),
    download: `${reportUrl(exampleIds.inventoryRun)}/download`,
    data: `${reportUrl(exampleIds.inventoryRun)}/data`,
  },
} satisfies Out<typeof reportRunSchema>;

const failedRun = {
  id: exampleIds.failedRun,
  type: 'usage',
  status: 'failed',
  owner: 'alice',
  createdAt: '2026-12-01T07:40:10.052Z',
  updatedAt: '2026-12-01T07:47:31.880Z',
  startedAt: '2026-12-01T07:40:10.214Z',
  finishedAt: '2026-12-01T07:47:31.880Z',
  attempts: 3,
  error: {
    code: 'temporarily_unavailable',
    message:
      'A temporary error (a network connection failed) stopped this report after 3 attempts (reference 7f3a9c21). An operator can find the details in the logs.',
  },
  stages: [{ name: 'fetch', startedAt: '2026-12-01T07:47:01.877Z', ms: 30003 }],
  spec: {
    type: 'usage',
    scope: { projectNames: ['admin'] },
    period: { preset: 'last-month', timezone: 'Europe/Berlin' },
    formats: ['pdf'],
    locale: 'en',
    theme: 'default',
    wasteShutoffDays: 30,
    accessiblePdf: false,
  },
  artifacts: [],
  links: { self: reportUrl(exampleIds.failedRun) },
} satisfies Out<typeof reportRunSchema>;

const weeklySchedule = {
  id: exampleIds.schedule,
  owner: 'alice',
  name: 'Weekly cost, demo and admin',
  expression: 'cron(0 8 ? * MON *)',
  timezone: 'Europe/Berlin',
  enabled: true,
  report: {
    type: 'cost',
    scope: { projectNames: ['demo', 'admin'] },
    period: { preset: 'last-7-days' },
    formats: ['pdf', 'csv'],
    locale: 'en',
    theme: 'default',
    wasteShutoffDays: 30,
    accessiblePdf: false,
  },
  delivery: { email: ['finance@example.com'], webhook: { url: 'https://hooks.example.com/openstack-reports', hasSecret: true } },
  createdAt: '2026-12-01T09:30:12.407Z',
  updatedAt: '2026-12-01T09:30:12.407Z',
  syncState: 'active',
  // Mondays 08:00 in Berlin (CET, UTC+1).
  nextFireTimes: ['2026-12-07T07:00:00.000Z', '2026-12-14T07:00:00.000Z', '2026-12-21T07:00:00.000Z', '2026-12-28T07:00:00.000Z', '2027-01-04T07:00:00.000Z'],
  links: { self: scheduleUrl, run: `${scheduleUrl}/run` },
} satisfies Out<typeof scheduleSchema>;

const ranSchedule = {
  ...weeklySchedule,
  lastRuns: [{ runId: exampleIds.scheduleRun, scheduledTime: '2026-12-01T10:00:07.000Z', status: 'succeeded' }],
} satisfies Out<typeof scheduleSchema>;

const health = {
  status: 'ok',
  checks: { storage: { status: 'ok' }, queue: { status: 'ok' }, openstack: { status: 'ok' }, mail: { status: 'ok' } },
} satisfies Out<typeof healthSchema>;

const weeklyFireTimes = [
  '2026-12-07T08:00:00+01:00',
  '2026-12-14T08:00:00+01:00',
  '2026-12-21T08:00:00+01:00',
  '2026-12-28T08:00:00+01:00',
  '2027-01-04T08:00:00+01:00',
];

const stats = {
  days: 7,
  from: '2026-11-26',
  to: '2026-12-02',
  scope: 'own',
  owner: 'alice',
  runs: { total: 12, succeeded: 10, failed: 2, queued: 0, running: 0, successRate: 0.8333 },
  perDay: [
    { date: '2026-11-26', succeeded: 1, failed: 0 },
    { date: '2026-11-27', succeeded: 2, failed: 0 },
    { date: '2026-11-28', succeeded: 0, failed: 0 },
    { date: '2026-11-29', succeeded: 0, failed: 0 },
    { date: '2026-11-30', succeeded: 3, failed: 1 },
    { date: '2026-12-01', succeeded: 3, failed: 1 },
    { date: '2026-12-02', succeeded: 1, failed: 0 },
  ],
  durations: {
    byType: [
      { type: 'cost', count: 5, p50Ms: 2100, p95Ms: 5400 },
      { type: 'inventory', count: 5, p50Ms: 640, p95Ms: 1150 },
    ],
    byStage: [
      { stage: 'fetch', count: 12, p50Ms: 800, p95Ms: 1900 },
      { stage: 'render', count: 10, p50Ms: 950, p95Ms: 2600 },
      { stage: 'store', count: 10, p50Ms: 120, p95Ms: 310 },
    ],
  },
  deliveries: [
    { channel: 'email', sent: 4, failed: 1 },
    { channel: 'webhook', sent: 2, failed: 0 },
  ],
  failureReasons: [
    { code: 'openstack_http_401', message: 'An OpenStack API refused the request (401): the cloud credentials may be wrong or expired.', count: 2 },
  ],
} satisfies Out<typeof statsSchema>;

const { owner: _alice, ...statsOfEveryone } = stats;

/** Success bodies by operation id (the media type is the operation's own). */
export const responseExamples = {
  getStats: {
    own: { summary: 'Alice’s last 7 days', value: stats },
    all: {
      summary: 'Every owner’s last 7 days, to an admin (shortened to one day of runs)',
      value: {
        ...statsOfEveryone,
        scope: 'all',
        runs: { total: 3, succeeded: 2, failed: 0, queued: 1, running: 0, successRate: 1 },
        perDay: stats.perDay.map((d) => ({ ...d, succeeded: d.date === '2026-12-02' ? 2 : 0, failed: 0 })),
        durations: { byType: [{ type: 'usage', count: 2, p50Ms: 1500, p95Ms: 1950 }], byStage: [{ stage: 'fetch', count: 2, p50Ms: 900, p95Ms: 990 }] },
        deliveries: [],
        failureReasons: [],
      } satisfies Out<typeof statsSchema>,
    },
  },
  listProjects: {
    demo: {
      summary: 'The projects of the demo cloud',
      value: {
        items: [
          { id: '27634ba4d5f47ed173332316ab83e9bd', name: 'demo', domainId: 'default', enabled: true },
          { id: '8a1f3c5e7b9d4f60a2c4e6b8d0f2a4c6', name: 'admin', domainId: 'default', enabled: true },
        ],
      } satisfies Out<typeof projectListSchema>,
    },
  },
  previewSchedule: {
    weekly: {
      summary: 'Every Monday at 08:00 in Berlin',
      value: { description: 'every Monday at 08:00, Europe/Berlin', next: weeklyFireTimes } satisfies Out<typeof schedulePreviewSchema>,
    },
    ptBR: {
      summary: 'The same in Brazilian Portuguese',
      value: { description: 'toda segunda-feira às 08:00, Europe/Berlin', next: weeklyFireTimes } satisfies Out<typeof schedulePreviewSchema>,
    },
    rate: {
      summary: 'Every 6 hours from a start date',
      value: {
        description: 'every 6 hours from 2026-12-03 00:00, America/Sao_Paulo',
        next: ['2026-12-03T00:00:00-03:00', '2026-12-03T06:00:00-03:00', '2026-12-03T12:00:00-03:00', '2026-12-03T18:00:00-03:00', '2026-12-04T00:00:00-03:00'],
      } satisfies Out<typeof schedulePreviewSchema>,
    },
  },
  createReport: {
    queued: {
      summary: 'The run is queued',
      value: { id: exampleIds.costRun, status: 'queued', links: { self: reportUrl(exampleIds.costRun) } } satisfies Out<typeof reportAcceptedSchema>,
    },
  },
  listReports: {
    page: {
      summary: 'A page of two runs (`?limit=2`), with a next page',
      value: {
        items: [listed(inventoryRun), listed(costRun)],
        nextCursor:
          'eyJpZCI6ImFmNjRlNTE2LTI2NTQtNGM2Yi1hZjMzLTkwZTIzZDk4YWE0ZSIsIm93bmVyIjoiYWxpY2UiLCJjcmVhdGVkS2V5IjoiMjAyNi0xMi0wMVQwODoxNTowMi4xMThaI2FmNjRlNTE2LTI2NTQtNGM2Yi1hZjMzLTkwZTIzZDk4YWE0ZSJ9',
        links: {
          next: `${base}/v1/reports?limit=2&cursor=eyJpZCI6ImFmNjRlNTE2LTI2NTQtNGM2Yi1hZjMzLTkwZTIzZDk4YWE0ZSIsIm93bmVyIjoiYWxpY2UiLCJjcmVhdGVkS2V5IjoiMjAyNi0xMi0wMVQwODoxNTowMi4xMThaI2FmNjRlNTE2LTI2NTQtNGM2Yi1hZjMzLTkwZTIzZDk4YWE0ZSJ9`,
        },
      } satisfies Out<typeof reportPageSchema>,
    },
  },
  getReport: {
    succeeded: { summary: "Last month's cost of demo and admin, rendered and e-mailed", value: costRun },
    failed: { summary: 'A usage report that failed after three attempts', value: failedRun },
  },
  getReportData: {
    inventory: {
      summary: 'The snapshot of an inventory of the web servers of demo',
      description: 'Its schema is the JSON artifact’s (schema version 1; see the README of the report engine).',
      value: {
        schemaVersion: 2,
        type: 'inventory',
        runId: exampleIds.inventoryRun,
        title: 'VM inventory',
        generatedAt: '2026-12-01T09:02:41.702Z',
        locale: 'en',
        timezone: 'UTC',
        presentation: {
          theme: 'default',
          columns: [
            'name',
            'id',
            'status',
            'powerState',
            'flavor',
            'image',
            'vcpus',
            'ram',
            'disk',
            'volumes',
            'fixedIps',
            'floatingIps',
            'availabilityZone',
            'created',
          ],
          columnsFromSpec: false,
          metadataKeys: [],
        },
        scope: { allProjects: false, projects: [{ id: '27634ba4d5f47ed173332316ab83e9bd', name: 'demo' }] },
        filters: { namePattern: 'web-*' },
        sort: { by: 'name', direction: 'asc' },
        inventory: {
          servers: [
            {
              projectId: '27634ba4d5f47ed173332316ab83e9bd',
              projectName: 'demo',
              id: '7d6fb326-5413-4bff-880c-ba8e85e23117',
              name: 'web-0001',
              status: 'ACTIVE',
              powerState: 'running',
              flavor: 'm1.medium',
              vcpus: 2,
              ramMb: 4096,
              diskGb: 40,
              fixedIps: ['10.0.1.17'],
              floatingIps: ['203.0.113.21'],
              volumes: [{ id: '2de7d95a-8fc0-4d8f-9d3e-518d2bab50ac', name: 'web-0001-data-1', sizeGb: 20, volumeType: '__DEFAULT__' }],
              imageId: '640d45c2-e3de-49e3-9192-a0e1c323ce1e',
              imageName: 'debian-12-generic',
              availabilityZone: 'nova',
              host: null,
              created: '2025-08-08T11:46:34.000Z',
              updated: '2026-02-10T18:12:56.000Z',
              metadata: {},
              tags: [],
              partial: false,
            },
            {
              projectId: '27634ba4d5f47ed173332316ab83e9bd',
              projectName: 'demo',
              id: 'b1f0a9c3-6e2d-4f7a-8c5b-0d9e1f2a3b4c',
              name: 'web-0002',
              status: 'SHUTOFF',
              powerState: 'shutdown',
              flavor: 'm1.medium',
              vcpus: 2,
              ramMb: 4096,
              diskGb: 40,
              fixedIps: ['10.0.1.18'],
              floatingIps: [],
              volumes: [],
              imageId: '640d45c2-e3de-49e3-9192-a0e1c323ce1e',
              imageName: 'debian-12-generic',
              availabilityZone: 'nova',
              host: null,
              created: '2025-08-08T11:47:02.000Z',
              updated: '2026-09-30T16:20:11.000Z',
              metadata: {},
              tags: [],
              partial: false,
            },
          ],
          volumes: [
            {
              projectId: '27634ba4d5f47ed173332316ab83e9bd',
              projectName: 'demo',
              id: '2de7d95a-8fc0-4d8f-9d3e-518d2bab50ac',
              name: 'web-0001-data-1',
              sizeGb: 20,
              volumeType: '__DEFAULT__',
              status: 'in-use',
              bootable: false,
              attachedTo: ['web-0001'],
              attachedServerIds: ['7d6fb326-5413-4bff-880c-ba8e85e23117'],
              createdAt: '2025-08-08T11:48:10.000Z',
            },
          ],
          floatingIps: [
            {
              projectId: '27634ba4d5f47ed173332316ab83e9bd',
              projectName: 'demo',
              id: 'e4a1c7d2-9b3f-4e8a-a6d5-1c2b3a4d5e6f',
              address: '203.0.113.21',
              status: 'ACTIVE',
              fixedIpAddress: '10.0.1.17',
              server: 'web-0001',
              serverId: '7d6fb326-5413-4bff-880c-ba8e85e23117',
              portId: '5c8e2f1a-7d4b-4a9c-b3e6-2f1d0c9b8a7e',
              createdAt: '2025-08-08T11:49:55.000Z',
            },
          ],
          byProject: [
            {
              projectId: '27634ba4d5f47ed173332316ab83e9bd',
              projectName: 'demo',
              servers: 2,
              vcpus: 4,
              ramMb: 8192,
              diskGb: 80,
              active: 1,
              shutoff: 1,
              partial: 0,
              volumes: 1,
              volumeGb: 20,
              floatingIps: 1,
            },
          ],
          byStatus: [
            { status: 'ACTIVE', servers: 1, vcpus: 2, ramMb: 4096, diskGb: 40 },
            { status: 'SHUTOFF', servers: 1, vcpus: 2, ramMb: 4096, diskGb: 40 },
          ],
          byFlavor: [{ flavor: 'm1.medium', servers: 2, vcpus: 4, ramMb: 8192, diskGb: 80 }],
          totals: { servers: 2, vcpus: 4, ramMb: 8192, diskGb: 80, active: 1, shutoff: 1, partial: 0, volumes: 1, volumeGb: 20, floatingIps: 1 },
        },
        notes: [{ code: 'hostHidden' }],
      },
    },
  },
  createSchedule: { created: { summary: 'The weekly schedule; the webhook secret is never shown', value: weeklySchedule } },
  listSchedules: {
    page: {
      summary: 'The only page',
      value: { items: [ranSchedule], links: {} } satisfies Out<typeof schedulePageSchema>,
    },
  },
  getSchedule: { ran: { summary: 'The weekly schedule, run once by hand', value: ranSchedule } },
  replaceSchedule: {
    replaced: {
      summary: 'The schedule without its webhook',
      value: {
        ...ranSchedule,
        delivery: { email: ['finance@example.com'] },
        updatedAt: '2026-12-01T10:11:48.215Z',
      } satisfies Out<typeof scheduleSchema>,
    },
  },
  updateSchedule: {
    paused: {
      summary: 'Paused: no next fire times',
      value: { ...ranSchedule, enabled: false, nextFireTimes: [], updatedAt: '2026-12-01T10:12:55.031Z' } satisfies Out<typeof scheduleSchema>,
    },
  },
  runScheduleNow: {
    accepted: {
      summary: 'The firing is on its way; its run appears at links.report',
      value: {
        scheduleId: exampleIds.schedule,
        scheduledTime: '2026-12-01T10:00:07Z',
        runId: exampleIds.scheduleRun,
        links: { report: reportUrl(exampleIds.scheduleRun), schedule: scheduleUrl },
      } satisfies Out<typeof scheduleRunAcceptedSchema>,
    },
  },
  getHealth: {
    ok: { summary: 'Every dependency is up', value: health },
    admin: {
      summary: 'The same, to a caller with an admin token',
      value: {
        status: 'ok',
        checks: {
          storage: { status: 'ok', latencyMs: 14 },
          queue: { status: 'ok', latencyMs: 9 },
          openstack: { status: 'ok', latencyMs: 212 },
          mail: { status: 'ok', latencyMs: 3 },
        },
      } satisfies Out<typeof healthSchema>,
    },
  },
  getHealthDown: {
    degraded: {
      summary: 'Keystone does not answer (an admin token shows why; others see the statuses alone)',
      value: {
        status: 'degraded',
        checks: {
          storage: { status: 'ok', latencyMs: 15 },
          queue: { status: 'ok', latencyMs: 8 },
          openstack: { status: 'down', latencyMs: 5001, error: 'timed out after 5 s' },
          mail: { status: 'ok', latencyMs: 3 },
        },
      } satisfies Out<typeof healthSchema>,
    },
  },
  getOpenApiDocument: {
    shortened: {
      summary: 'This document, shortened',
      value: {
        openapi: '3.1.0',
        info: { title: 'openstack-reports API', version: '1' },
        servers: [{ url: base }],
        paths: { '/v1/reports': { post: { operationId: 'createReport', summary: 'Request a report' } } },
      },
    },
  },
  getDocs: {
    page: {
      summary: 'The page (it loads its script and styles from /v1/docs/)',
      value:
        '<!doctype html>\n<html lang="en">\n<head>\n  <title>openstack-reports API</title>\n  <link rel="stylesheet" href="docs/swagger-ui.css">\n</head>\n<body>\n  <div id="swagger-ui"></div>\n  <script src="docs/swagger-ui-bundle.js"></script>\n  <script src="docs/swagger-initializer.js"></script>\n</body>\n</html>\n',
    },
  },
  getDocsFile: {
    initializer: {
      summary: '`swagger-initializer.js`, which points Swagger UI at this document',
      value:
        "window.addEventListener('load', function () {\n  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', validatorUrl: null });\n});\n",
    },
  },
} satisfies Record<string, Examples>;

/** Example values of the success headers. */
export const headerExamples = {
  reportLocation: reportUrl(exampleIds.costRun),
  scheduleLocation: scheduleUrl,
  runLocation: reportUrl(exampleIds.scheduleRun),
  downloadLocation: presigned(exampleIds.costRun, 'cost', 'pdf', '20261201T082003Z'),
  idempotentReplayed: 'true',
  idempotencyKey: 'cost-2026-11-demo-admin',
} as const;

// Errors.

const problem = (status: number, code: string, detail: string, instance: string, extra: Record<string, unknown> = {}): Problem =>
  problemBody(status, code, detail, { instance, requestId: exampleRequestId, ...extra });

/** An API Gateway request id, as problems and the `X-Request-Id` header carry it. */
const exampleRequestId = 'Ku3vLhvYoAMEJvQ=';

/** The per-owner limit of the examples (the deployment's MAX_QUEUED_RUNS_PER_OWNER; 20 by default). */
const tooManyRuns = new TooManyRunsError(20);

/** Problem examples by error response (see `errorResponses` in document.ts). */
export function problemExamples(maxBodyBytes: number): Record<string, Examples> {
  return {
    BadRequest: {
      invalidFields: {
        summary: 'Invalid fields of a body: every one is listed',
        value: problem(400, 'validation-failed', 'The request has invalid fields.', '/v1/reports', {
          errors: [
            { path: 'period.end', message: 'the period may be at most 366 days' },
            { path: 'formats.0', message: 'Invalid option: expected one of "pdf"|"csv"|"json"|"html"|"xlsx"' },
            { path: '(body)', message: 'Unrecognized key: "colour"' },
          ],
        }),
      },
      invalidExpression: {
        summary: 'A schedule expression EventBridge would refuse',
        value: problem(400, 'validation-failed', 'The request has invalid fields.', '/v1/schedules', {
          errors: [{ path: 'expression', message: 'day-of-week: "8" is out of range 1-7' }],
        }),
      },
      invalidPreview: {
        summary: 'A schedule preview with an expression and a time zone that do not exist',
        value: problem(400, 'validation-failed', 'The request has invalid fields.', '/v1/schedules/preview', {
          errors: [
            { path: 'expression', message: 'cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 5' },
            { path: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' },
          ],
        }),
      },
      invalidQuery: {
        summary: 'Invalid and unknown query parameters',
        value: problem(400, 'validation-failed', 'The query string has invalid parameters.', '/v1/reports', {
          errors: [
            { path: 'query.limit', message: 'Too big: expected number to be <=100' },
            { path: 'query.state', message: 'is not a parameter of this operation' },
          ],
        }),
      },
      malformedJson: {
        summary: 'A body that is not JSON',
        value: problem(400, 'malformed-json', 'The body is not valid JSON.', '/v1/reports', {
          errors: [{ path: '(body)', message: 'is not valid JSON' }],
        }),
      },
    },
    Unauthorized: {
      noToken: {
        summary: 'No bearer token',
        value: problem(401, 'unauthorized', 'Authentication failed: an Authorization: Bearer <token> header is required.', '/v1/reports'),
      },
    },
    Forbidden: {
      missingScope: {
        summary: 'A token without the scope the operation needs',
        value: problem(403, 'forbidden', 'This needs the "reports:write" scope.', '/v1/reports', { requiredScope: 'reports:write' }),
      },
    },
    NotFound: {
      noSuchReport: {
        summary: 'No such report for this caller',
        value: problem(404, 'not-found', 'Report 00000000-0000-4000-8000-000000000000 does not exist.', '/v1/reports/00000000-0000-4000-8000-000000000000'),
      },
    },
    Conflict: {
      keyReused: {
        summary: 'An Idempotency-Key reused with another body',
        value: problem(
          409,
          'idempotency-key-reused',
          'This Idempotency-Key was already used with another body; use a new key for a new request.',
          '/v1/reports',
        ),
      },
      notReady: {
        summary: 'The run has not finished yet (with Retry-After)',
        value: problem(
          409,
          'report-not-ready',
          `Report ${exampleIds.costRun} has no JSON snapshot yet: it is running.`,
          `/v1/reports/${exampleIds.costRun}/data`,
        ),
      },
    },
    ContentTooLarge: {
      tooLarge: {
        summary: 'A body over the limit',
        value: problem(413, 'body-too-large', `The body may be at most ${maxBodyBytes} bytes.`, '/v1/reports', { limit: maxBodyBytes }),
      },
    },
    UnsupportedMediaType: {
      notJson: {
        summary: 'A body that is not application/json',
        value: problem(415, 'unsupported-media-type', 'Send the body as application/json.', '/v1/reports'),
      },
    },
    TooManyRequests: {
      tooManyRuns: {
        summary: 'The owner has the most runs queued or running the deployment allows',
        value: problem(429, tooManyRuns.code, tooManyRuns.message, '/v1/reports'),
      },
    },
    InternalServerError: {
      internal: {
        summary: 'A fault on our side',
        value: problem(500, 'internal-error', 'Something went wrong on our side; the error was logged.', '/v1/reports'),
      },
    },
    BadGateway: {
      schedulerError: {
        summary: 'EventBridge Scheduler refused the change',
        value: problem(502, 'scheduler-error', 'The scheduler refused the change; the error was logged.', '/v1/schedules'),
      },
      cloudError: {
        summary: 'The OpenStack cloud refused the request',
        value: problem(
          502,
          'cloud-error',
          'The OpenStack cloud refused the request: Request failed with 401: POST https://keystone.example.com:5000/v3/auth/tokens (request id req-4f0c8a2e-1b3d-4c5e-9f70-8a6b2c4d1e3f): The request you have made requires authentication.',
          '/v1/projects',
        ),
      },
    },
    ServiceUnavailable: {
      queueUnavailable: {
        summary: 'The job queue is unavailable',
        value: problem(503, 'queue-unavailable', 'The job queue is unavailable; try again shortly.', '/v1/reports'),
      },
    },
  };
}

/** API Gateway's answer to a request its stage throttles. */
export const throttledExamples = {
  throttled: {
    summary: 'Throttled by API Gateway (rate or burst limit of the stage)',
    value: { message: 'Too Many Requests' } satisfies Out<typeof gatewayMessageSchema>,
  },
} satisfies Examples;

/** Seconds in the `Retry-After` of `too-many-runs`. */
export const tooManyRunsRetryAfterSeconds = tooManyRuns.retryAfterSeconds;
