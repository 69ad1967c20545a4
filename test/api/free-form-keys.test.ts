/**
 * Free-form maps (`filters.metadata`, `priceList.flavors`) keep every key through the whole
 * service: API validation, DynamoDB (dynalite), the queue and the worker. Keys that name
 * `Object.prototype` members (`__proto__`, `constructor`, `toString`, …) used to be lost or to
 * answer 500 (the DynamoDB marshaller refused an object with its own `constructor`).
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { escapeFreeKey, freeRecord, unescapeFreeKey } from '../../src/domain/free-record';
import { computeRate } from '../../src/report-engine/pricing';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import * as z from 'zod';
import { allScopes, blankPdfRenderer } from '../helpers/api-runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';

const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
/** Keys that have broken maps somewhere, and arbitrary ones. */
const anyKey = fc.oneof(
  fc.constantFrom(...prototypeNames, '~__proto__', '~~__proto__', 'prototype'),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((k) => k.length <= 255),
);

const flavor = (name: string) => ({ id: `f-${name}`, name, vcpus: 1, ramMb: 1024, diskGb: 10, ephemeralGb: 0, swapMb: 0 });

describe('free-form map keys (unit)', () => {
  it('escaping is a bijection on keys', () => {
    fc.assert(
      fc.property(anyKey, (k) => {
        expect(unescapeFreeKey(escapeFreeKey(k))).toBe(k);
      }),
    );
  });

  it('freeRecord keeps every key as an own property, and names an invalid one as given', () => {
    const schema = freeRecord(z.string().min(1), z.string().max(3));
    fc.assert(
      fc.property(fc.uniqueArray(anyKey, { maxLength: 5 }), (keys) => {
        const input = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, 'v'])))) as unknown;
        const out = schema.parse(input);
        // Integer-like keys come first in any object, so compare with the input's own order.
        expect(Object.entries(out)).toEqual(Object.entries(input as object));
        expect(Object.keys(out)).toHaveLength(keys.length);
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      }),
    );
    const bad = schema.safeParse(JSON.parse('{"__proto__":"long"}'));
    expect(bad.error?.issues[0]?.path).toEqual(['~__proto__']);
  });

  it('a flavor named after an Object.prototype member is priced by its own price only', () => {
    for (const name of prototypeNames) {
      expect(computeRate({ currency: 'USD', flavors: Object.fromEntries([[name, '2.5']]) }, flavor(name))).toMatchObject({ basis: 'flavor' });
      expect(computeRate({ currency: 'USD', flavors: { other: '1' } }, flavor(name)).basis).toBe('none');
      expect(computeRate({ currency: 'USD', flavors: {}, units: { vcpuHour: '1' } }, flavor(name)).perHour.toString()).toBe('1');
    }
  });
});

describe('free-form map keys through the local runtime (API → DynamoDB → queue → worker)', () => {
  let rt: LocalRuntime;
  let dir: string;
  let token: string;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${rt.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // JSON.parse keeps `__proto__` as an own key, as a client would see it.
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const finished = async (id: string) => {
    for (let i = 0; i < 400; i++) {
      const res = await call('GET', `/v1/reports/${id}`);
      if (res.status === 200 && (res.body.status === 'succeeded' || res.body.status === 'failed')) return res.body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`run ${id} did not finish`);
  };
  /** The server rows of a run's JSON data. */
  const servers = async (id: unknown) => {
    const data = (await call('GET', `/v1/reports/${String(id)}/data`)).body as {
      inventory: { servers: { name: string; monthlyCost?: string; metadata: object }[] };
    };
    return data.inventory.servers;
  };
  /** A report spec whose two free-form maps each hold exactly `key`. */
  const spec = (key: string, type = 'cost') => ({
    type,
    formats: ['json'],
    priceList: { currency: 'USD', flavors: Object.fromEntries([[key, '1.00']]) },
    filters: { metadata: Object.fromEntries([[key, 'v']]) },
  });
  const expectKeys = (s: unknown, key: string) => {
    const given = s as { priceList: { flavors: object }; filters: { metadata: object } };
    expect(Object.entries(given.priceList.flavors)).toEqual([[key, '1.00']]);
    expect(Object.entries(given.filters.metadata)).toEqual([[key, 'v']]);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-keys-'));
    const servers = [
      fakeServer(1, { name: 'ctor', flavor: flavor('constructor'), metadata: { constructor: 'v' } }),
      fakeServer(2, { name: 'proto', flavor: flavor('__proto__'), metadata: Object.fromEntries([['__proto__', 'v']]) }),
      fakeServer(3, { name: 'plain', flavor: flavor('m1.small') }),
    ];
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], servers),
      maxReceiveCount: 2,
      visibilityTimeoutMs: 2000,
      downloadUrlTtlSeconds: 900,
      logger: silentLogger,
      pdf: blankPdfRenderer,
    });
    token = await rt.mintToken('alice', allScopes);
  });

  afterAll(async () => {
    await rt?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('POST /v1/reports keeps any key through the store and the worker', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, async (key) => {
        const created = await call('POST', '/v1/reports', spec(key));
        expect(created.status, JSON.stringify(created.body)).toBe(202);
        const run = await finished(created.body.id as string);
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        expectKeys(run.spec, key);
      }),
      { numRuns: 40 },
    );
  });

  it('POST, PUT and PATCH /v1/schedules keep any key, and a run of the schedule too', async () => {
    await fc.assert(
      fc.asyncProperty(anyKey, anyKey, async (k1, k2) => {
        const schedule = { expression: 'rate(1 day)', timezone: 'UTC', report: spec(k1) };
        const created = await call('POST', '/v1/schedules', schedule);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expectKeys(created.body.report, k1);
        const id = created.body.id as string;
        const put = await call('PUT', `/v1/schedules/${id}`, { ...schedule, report: spec(k2) });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
        expectKeys((await call('GET', `/v1/schedules/${id}`)).body.report, k2);
        const patched = await call('PATCH', `/v1/schedules/${id}`, { report: spec(k1) });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        expectKeys((await call('GET', `/v1/schedules/${id}`)).body.report, k1);
        const fired = await call('POST', `/v1/schedules/${id}/run`);
        expect(fired.status).toBe(202);
        const run = await finished(fired.body.runId as string);
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        expectKeys(run.spec, k1);
        expect((await call('DELETE', `/v1/schedules/${id}`)).status).toBe(204);
      }),
      { numRuns: 15 },
    );
  });

  it('prices servers whose flavors are named `constructor` and `__proto__`, and filters on such metadata keys', async () => {
    const priced = await call('POST', '/v1/reports', {
      type: 'inventory',
      formats: ['json', 'csv'],
      metadataKeys: ['constructor', '__proto__', 'toString'],
      priceList: { currency: 'USD', flavors: JSON.parse('{"constructor":"1.00","__proto__":"2.00"}') as Record<string, string> },
    });
    expect(priced.status).toBe(202);
    expect((await finished(priced.body.id as string)).status).toBe('succeeded');
    const rows = Object.fromEntries((await servers(priced.body.id)).map((s) => [s.name, s]));
    expect(rows.ctor).toMatchObject({ monthlyCost: '730.00', metadata: { constructor: 'v' } });
    expect(rows.proto.monthlyCost).toBe('1460.00');
    expect(Object.entries(rows.proto.metadata)).toEqual([['__proto__', 'v']]);
    // No price for `constructor` nor unit prices: unpriced, not Object.prototype.constructor.
    const unpriced = await call('POST', '/v1/reports', { type: 'inventory', formats: ['json'], priceList: { currency: 'USD', flavors: { 'm1.small': '1' } } });
    const run = await finished(unpriced.body.id as string);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    for (const [key, name] of [
      ['constructor', 'ctor'],
      ['__proto__', 'proto'],
    ]) {
      const filtered = await call('POST', '/v1/reports', {
        type: 'inventory',
        formats: ['json'],
        filters: { metadata: JSON.parse(`{"${key}":"v"}`) as object },
      });
      expect((await finished(filtered.body.id as string)).status).toBe('succeeded');
      expect((await servers(filtered.body.id)).map((s) => s.name)).toEqual([name]);
    }
  });
});
