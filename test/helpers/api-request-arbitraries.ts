/**
 * fast-check arbitraries of API requests: valid ones, mutated ones and garbage, in bodies, query
 * strings, paths and headers. Mutations start from valid bodies so that the generator gets past the
 * first validation error and into the use cases.
 */
import fc from 'fast-check';

/** Tokens the generated requests may carry (minted by the test for the app under test). */
export interface FuzzTokens {
  /** Valid tokens with various scopes and owners. */
  valid: string[];
  /** Expired or wrongly signed tokens. */
  invalid: string[];
}

/** Ids that exist in the app under test (so that some requests reach real records). */
export interface FuzzIds {
  reports: string[];
  schedules: string[];
}

/** A generated request. */
export interface FuzzRequest {
  method: string;
  path: string;
  query: string;
  /** `undefined`: the header is left out. */
  headers: Record<string, string | undefined>;
  body?: string;
}

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
const anyText = fc.oneof(
  printable,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', '-1', '0', '1e400', '💥', '\u0000', 'a'.repeat(3000)),
);
const instant = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01T00:00:00+14:00', '2026-01-01', 'yesterday', '9999-12-31T23:59:59Z'),
);

/** A value of the same shape as a field's valid values or anything else JSON can hold. */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

const reportSpec = fc.record(
  {
    type: field(fc.constantFrom('inventory', 'usage', 'cost', 'bogus')),
    formats: field(fc.subarray(['pdf', 'csv', 'json', 'html', 'docx'], { minLength: 0 })),
    scope: field(
      fc.record(
        {
          projectIds: fc.array(printable, { maxLength: 3 }),
          projectNames: fc.oneof(fc.array(printable, { maxLength: 2 }), fc.constant(Array.from({ length: 501 }, (_, i) => `p${i}`))),
        },
        { requiredKeys: [] },
      ),
    ),
    period: field(
      fc.record(
        {
          preset: fc.constantFrom('last-month', 'month-to-date', 'yesterday'),
          start: instant,
          end: instant,
          timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Olympus'),
        },
        { requiredKeys: [] },
      ),
    ),
    locale: field(fc.constantFrom('en', 'pt-BR', 'fr')),
    title: field(fc.oneof(printable, fc.constant('t'.repeat(201)))),
    priceList: field(
      fc.record({ currency: fc.constantFrom('USD', 'usd'), units: fc.record({ vcpuHour: fc.constantFrom('0.01', -1, '1e3') }, { requiredKeys: [] }) }),
    ),
    delivery: field(
      fc.record(
        {
          email: fc.oneof(
            fc.array(fc.constantFrom('a@example.com', 'not-an-email'), { maxLength: 3 }),
            fc.constant(Array.from({ length: 51 }, (_, i) => `u${i}@example.com`)),
          ),
          webhook: fc.record(
            { url: fc.constantFrom('https://hooks.example.com/x', 'ftp://x', 'nope'), secret: fc.constantFrom('short', 's'.repeat(20)) },
            { requiredKeys: ['url'] },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    accessiblePdf: field(fc.boolean()),
    [`unknown`]: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

/** Valid report specs (so that a share of requests gets all the way through). */
const validReportSpec = fc.record(
  {
    type: fc.constantFrom('inventory', 'usage'),
    formats: fc.subarray(['csv', 'json', 'html'] as const, { minLength: 1 }),
    locale: fc.constantFrom('en', 'pt-BR'),
    period: fc.constant({ preset: 'last-month' }),
    title: printable.filter((t) => t.length > 0),
  },
  { requiredKeys: ['type', 'formats'] },
);

const validScheduleBody = fc.record(
  {
    name: fc.constantFrom('nightly', 'weekly'),
    expression: fc.constantFrom('rate(1 day)', 'cron(0 8 * * ? *)', 'cron(15 6 ? * MON *)'),
    timezone: fc.constantFrom('UTC', 'Europe/Berlin'),
    enabled: fc.boolean(),
    report: validReportSpec,
  },
  { requiredKeys: ['expression', 'timezone', 'report'] },
);

const scheduleBody = fc.record(
  {
    name: field(printable),
    expression: field(
      fc.constantFrom(
        'rate(1 day)',
        'cron(0 8 * * ? *)',
        'cron(0 0 30 FEB ? *)',
        'at(2030-01-01T00:00:00)',
        'at(2001-01-01T00:00:00)',
        'rate(0 days)',
        'cron(* * * * * *)',
        'every day',
      ),
    ),
    timezone: field(fc.constantFrom('UTC', 'Europe/Berlin', 'Nowhere/City')),
    startDate: field(instant),
    endDate: field(instant),
    enabled: field(fc.boolean()),
    report: field(fc.oneof(reportSpec, validReportSpec)),
    delivery: field(fc.constant(null)),
    [`extra`]: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

/** Bodies: valid-ish and mutated specs, schedule bodies, arbitrary JSON, broken JSON, oversized bodies. */
export const bodyArbitrary: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 5, arbitrary: reportSpec.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: validReportSpec.map((b) => JSON.stringify(b)) },
  { weight: 3, arbitrary: scheduleBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: validScheduleBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: anyText },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{"type":"inventory"', '{"__proto__":{"admin":true},"type":"inventory"}', '{"constructor":{"prototype":{}}}', '[]', 'null', ''),
  },
  { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 20_000 }).map((n) => JSON.stringify({ type: 'inventory', title: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const queryKeys = ['status', 'type', 'createdFrom', 'createdTo', 'limit', 'cursor', 'format', 'expiresIn', 'foo', '__proto__', ''];
const queryValues = fc.oneof(
  fc.constantFrom(
    'queued',
    'succeeded',
    'inventory',
    'json',
    'pdf',
    'html',
    '1',
    '0',
    '100',
    '101',
    '-5',
    '1.5',
    '604800',
    '604801',
    'NaN',
    '',
    'eyJpZCI6IngifQ',
    'eyJhIjoxfQ',
    'e30',
  ),
  instant,
  anyText,
);

/** Query strings: known and unknown parameters, repeated ones, and raw garbage. */
export const queryArbitrary: fc.Arbitrary<string> = fc.oneof(
  // Most operations take no parameters: an empty query lets the rest of the request be tested.
  { weight: 5, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc.array(fc.tuple(fc.constantFrom(...queryKeys), queryValues), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
  },
  { weight: 1, arbitrary: fc.constantFrom('%', '%%%', 'a=%E0%A4%A', '&&=&', 'limit', 'cursor=%00', 'status=queued&status=failed') },
);

/** Method and path: mostly an existing route with a real, foreign or made-up id; sometimes anything. */
function targetArbitrary(ids: FuzzIds): fc.Arbitrary<{ method: string; path: string }> {
  const reportId = fc.oneof(
    fc.constantFrom(...ids.reports),
    fc.uuid(),
    anyText.map(encodeURIComponent),
    fc.constantFrom('idem%23alice%23k', '..', '%2e%2e', '%E0%A4%A'),
  );
  const scheduleId = fc.oneof(fc.constantFrom(...ids.schedules), anyText.map(encodeURIComponent), fc.constantFrom('sch-does-not-exist', '..%2F'));
  const at = (method: string, path: fc.Arbitrary<string>) => path.map((p) => ({ method, path: p }));
  const routed = fc.oneof(
    at('POST', fc.constant('/v1/reports')),
    at('GET', fc.constant('/v1/reports')),
    at(
      'GET',
      reportId.map((id) => `/v1/reports/${id}`),
    ),
    at(
      'GET',
      reportId.map((id) => `/v1/reports/${id}/download`),
    ),
    at(
      'GET',
      reportId.map((id) => `/v1/reports/${id}/data`),
    ),
    at(
      'DELETE',
      reportId.map((id) => `/v1/reports/${id}`),
    ),
    at('POST', fc.constant('/v1/schedules')),
    at('GET', fc.constant('/v1/schedules')),
    fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE').chain((m) =>
      at(
        m,
        scheduleId.map((id) => `/v1/schedules/${id}`),
      ),
    ),
    at(
      'POST',
      scheduleId.map((id) => `/v1/schedules/${id}/run`),
    ),
    at('GET', fc.constantFrom('/v1/health', '/v1/openapi.json', '/v1/docs', '/v1/docs/swagger-initializer.js')),
  );
  const anyPath = fc.oneof(
    fc.constantFrom('/v1/reports', '/v1/schedules', '/v1/health', '/v1/docs', '/v1/nope', '/', '/v2/reports', '/v1/reports/'),
    reportId.map((id) => `/v1/reports/${id}`),
    fc.tuple(reportId, fc.constantFrom('download', 'data', 'other')).map(([id, sub]) => `/v1/reports/${id}/${sub}`),
    scheduleId.map((id) => `/v1/schedules/${id}/run`),
    fc.array(anyText.map(encodeURIComponent), { minLength: 1, maxLength: 4 }).map((segments) => `/v1/${segments.join('/')}`),
  );
  const anything = fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'FOO'), path: anyPath });
  return fc.oneof({ weight: 3, arbitrary: routed }, { weight: 1, arbitrary: anything });
}

function headersArbitrary(tokens: FuzzTokens): fc.Arbitrary<Record<string, string | undefined>> {
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...tokens.valid).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom(...tokens.invalid).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.oneof(printable, fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', 'bearer a.b.c', `Bearer ${'a'.repeat(5000)}`)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json') },
    {
      weight: 1,
      arbitrary: fc.oneof(
        printable,
        fc.constantFrom('text/plain', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record(
    {
      authorization,
      'content-type': contentType,
      'idempotency-key': fc.oneof(fc.constantFrom('key-1', 'key-2', '"key-3"'), printable),
      accept: fc.constantFrom('application/json', '*/*', 'text/html'),
      'x-forwarded-host': printable,
      origin: fc.constantFrom('https://app.example.com', 'null', 'https://evil.example'),
    },
    { requiredKeys: ['authorization', 'content-type'] },
  );
}

/** Whole requests against the API. */
export function requestArbitrary(tokens: FuzzTokens, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ target: targetArbitrary(ids), query: queryArbitrary, headers: headersArbitrary(tokens), body: bodyArbitrary })
    .map(({ target, ...rest }) => ({ ...target, ...rest }));
}

/** The `RequestInit` of a generated request (bodies are dropped where fetch forbids them). */
export function toRequestInit(r: FuzzRequest): RequestInit {
  const canHaveBody = r.method !== 'GET' && r.method !== 'HEAD';
  const headers = Object.fromEntries(Object.entries(r.headers).filter((e): e is [string, string] => e[1] !== undefined));
  return { method: r.method, headers, ...(canHaveBody && r.body !== undefined ? { body: r.body } : {}), redirect: 'manual' };
}

/** What every answer must satisfy: never a 5xx, and every 4xx is problem+json with its own status. */
export async function checkAnswer(res: Response, method: string): Promise<string | undefined> {
  if (res.status >= 500) return `answered ${res.status}: ${await res.text()}`;
  if (res.status >= 400) {
    const type = res.headers.get('content-type');
    if (type !== 'application/problem+json') return `answered ${res.status} with content-type ${type}`;
    // HEAD answers carry the headers of the GET answer, without its body.
    if (method === 'HEAD') return undefined;
    const body = (await res.json()) as { type?: unknown; title?: unknown; status?: unknown };
    if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.status)
      return `answered ${res.status} with a malformed problem ${JSON.stringify(body)}`;
    return undefined;
  }
  await res.arrayBuffer();
  return undefined;
}
