import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { DynamoBudgetAlertLedger } from '../../src/adapters/aws/dynamo-budget-alert-ledger';
import { DynamoRunStore } from '../../src/adapters/aws/dynamo-run-store';
import { createRunsTable, startLocalDynamo, type LocalDynamo } from '../../src/adapters/local/dynamo-server';
import { MemoryBudgetAlertLedger } from '../../src/adapters/memory/memory-budget-alert-ledger';
import type { ReportRun } from '../../src/domain/report-run';
import { budgetCrossings, deliverWhenSchema, type BudgetAlertKey } from '../../src/domain/schedules/deliver-when';
import { createScheduleBodySchema, updateScheduleBodySchema } from '../../src/domain/schedules/schedule';
import { renderReportEmail } from '../../src/presentation';
import { gateBudgetDelivery } from '../../src/use-cases/gate-budget-delivery';
import { expectProblem, useApiRuntime } from '../helpers/api-runtime';

const budget = (label: string, usedPercent: number, forecastPercent?: number) => ({
  keys: [label],
  label,
  usedPercent,
  ...(forecastPercent === undefined ? {} : { forecastPercent }),
});

describe('budget thresholds', () => {
  it('lists each threshold a budget reached, by actual use, or by forecast when asked', () => {
    const when = deliverWhenSchema.parse({ budgetThresholds: [100, 80], includeForecast: true });
    expect(when.budgetThresholds).toEqual([80, 100]);
    const crossings = budgetCrossings([budget('a', 85, 104), budget('b', 50, 79.9), budget('c', 120)], when);
    expect(crossings.map((c) => [c.label, c.threshold, c.basis])).toEqual([
      ['a', 80, 'actual'],
      ['a', 100, 'forecast'],
      ['c', 80, 'actual'],
      ['c', 100, 'actual'],
    ]);
    expect(budgetCrossings([budget('a', 85, 104)], { ...when, includeForecast: false }).map((c) => c.threshold)).toEqual([80]);
  });

  it.each([
    [{ budgetThresholds: [] }, 'budgetThresholds'],
    [{ budgetThresholds: [80, 80] }, 'budgetThresholds'],
    [{ budgetThresholds: [0] }, 'budgetThresholds.0'],
    [{ budgetThresholds: [80], alsoEmail: true }, ''],
  ])('refuses %j at %j', (value, path) => {
    const parsed = deliverWhenSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('is for cost reports only, on create and when a patch changes the report', () => {
    const body = { expression: 'rate(1 day)', timezone: 'UTC', report: { type: 'usage' }, deliverWhen: { budgetThresholds: [80] } };
    const parsed = createScheduleBodySchema.safeParse(body);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['deliverWhen', 'budget thresholds apply to cost reports only, not usage'],
    ]);
    expect(createScheduleBodySchema.safeParse({ ...body, report: { type: 'cost' } }).success).toBe(true);
    expect(updateScheduleBodySchema.safeParse({ deliverWhen: null }).success).toBe(true);
  });
});

describe('the delivery gate', () => {
  const snapshot = (budgets: unknown[]) => new TextEncoder().encode(JSON.stringify({ period: { start: '2026-11-01T00:00:00.000Z' }, budgets }));
  function setup(budgets: unknown[]) {
    const updates: Partial<ReportRun>[] = [];
    const deps = {
      budgetAlerts: new MemoryBudgetAlertLedger(),
      clock: { now: () => new Date('2026-11-20T08:00:00Z') },
      logger: silentLogger,
      runs: { update: (_id: string, patch: Partial<ReportRun>) => (updates.push(patch), Promise.resolve({} as ReportRun)) },
      artifacts: { get: () => Promise.resolve(snapshot(budgets)) },
    };
    return { deps, updates };
  }
  const run = (id: string): ReportRun =>
    ({
      id,
      status: 'succeeded',
      scheduleId: 's1',
      dataKey: `reports/${id}/report.json`,
      deliverWhen: { budgetThresholds: [80, 100], includeForecast: true },
    }) as ReportRun;

  it('delivers the first run that reaches a threshold, skips the next, and delivers again for a new threshold', async () => {
    const { deps, updates } = setup([budget('team-a', 85)]);
    expect(await gateBudgetDelivery(deps, run('r1'))).toBe(true);
    expect(updates[0]!.deliveryGate).toMatchObject({ decision: 'deliver', reason: 'team-a reached 80% of its budget (85%).' });
    expect(await gateBudgetDelivery(deps, run('r2'))).toBe(false);
    expect(updates[1]!.deliveryGate!.reason).toBe('Already alerted this period: team-a at 80% (run r1).');
    // The same run again (a duplicate message before its decision was recorded): the claim is its own.
    expect(await gateBudgetDelivery(deps, run('r1'))).toBe(true);

    const later = setup([budget('team-a', 90, 101)]);
    later.deps.budgetAlerts = deps.budgetAlerts;
    expect(await gateBudgetDelivery(later.deps, run('r3'))).toBe(true);
    expect(later.updates[0]!.deliveryGate!.reason).toBe('team-a is forecast to reach 100% (101%).');
  });

  it('keeps a recorded decision, and lets runs without deliverWhen or failed runs through', async () => {
    const { deps, updates } = setup([budget('team-a', 10)]);
    expect(await gateBudgetDelivery(deps, { ...run('r1'), deliveryGate: { decision: 'deliver', reason: 'x', evaluatedAt: '', crossings: [] } })).toBe(true);
    expect(await gateBudgetDelivery(deps, { ...run('r2'), deliverWhen: undefined })).toBe(true);
    expect(await gateBudgetDelivery(deps, { ...run('r3'), status: 'failed' })).toBe(true);
    expect(updates).toEqual([]);
  });

  it('skips, saying why, when nothing is reached or the report has no budgets', async () => {
    const low = setup([budget('team-a', 10, 50), budget('team-b', 42.5, 70)]);
    expect(await gateBudgetDelivery(low.deps, run('r1'))).toBe(false);
    expect(low.updates[0]!.deliveryGate!.reason).toBe('No budget reached 80%, 100% or is forecast to (highest: team-b at 42.5%, forecast 70%).');
    const none = setup([]);
    expect(await gateBudgetDelivery(none.deps, run('r1'))).toBe(false);
    expect(none.updates[0]!.deliveryGate!.reason).toContain('no budgets');
  });
});

describe('DynamoBudgetAlertLedger on dynalite', () => {
  let dynamo: LocalDynamo;
  let ledger: DynamoBudgetAlertLedger;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await createRunsTable(dynamo.client, 'runs');
    ledger = new DynamoBudgetAlertLedger({ client: DynamoDBDocumentClient.from(dynamo.client), tableName: 'runs' });
  });
  afterAll(() => dynamo?.close());

  const key: BudgetAlertKey = { scheduleId: 's1', periodStart: '2026-11-01T00:00:00.000Z', keys: ['CC#1', '(none)'], threshold: 80 };
  const at = new Date('2026-11-20T08:00:00Z');

  it('lets one of many concurrent runs claim an alert; the owner claiming again gets it back', async () => {
    const results = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((r) => ledger.claim(key, r, at)));
    const winners = results.filter((r) => r.outcome === 'claimed');
    expect(winners).toHaveLength(1);
    const owner = ['r1', 'r2', 'r3', 'r4'][results.indexOf(winners[0]!)]!;
    expect(results.filter((r) => r.outcome === 'taken')).toEqual(Array.from({ length: 3 }, () => ({ outcome: 'taken', runId: owner, at: at.toISOString() })));
    expect(await ledger.claim(key, owner, at)).toEqual({ outcome: 'mine' });
  });

  it('keeps thresholds, groups, periods and schedules apart, and stays out of run listings', async () => {
    for (const other of [{ threshold: 100 }, { keys: ['CC#1'] }, { periodStart: '2026-12-01T00:00:00.000Z' }, { scheduleId: 's2' }]) {
      expect(await ledger.claim({ ...key, ...other }, 'r9', at)).toEqual({ outcome: 'claimed' });
    }
    const runs = new DynamoRunStore(dynamo.client, 'runs');
    expect((await runs.list({ limit: 50 })).items).toEqual([]);
  });
});

describe('deliverWhen through the API', () => {
  const ctx = useApiRuntime();

  const body = { expression: 'cron(0 8 * * ? *)', timezone: 'UTC', report: { type: 'cost', formats: ['csv'] }, delivery: { email: ['cfo@example.com'] } };

  it('creates, shows, clears it, and refuses it on other report types with a 400 naming the field', async () => {
    const res = await ctx.api.call('POST', '/v1/schedules', {
      token: ctx.alice,
      body: { ...body, deliverWhen: { budgetThresholds: [100, 80], includeForecast: true } },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; deliverWhen: unknown };
    expect(created.deliverWhen).toEqual({ budgetThresholds: [80, 100], includeForecast: true });
    const cleared = await ctx.api.call('PATCH', `/v1/schedules/${created.id}`, { token: ctx.alice, body: { deliverWhen: null } });
    expect(((await cleared.json()) as { deliverWhen?: unknown }).deliverWhen).toBeUndefined();
    // PUT replaces the whole schedule: with deliverWhen it is set, without it cleared.
    const put = (extra: object) => ctx.api.call('PUT', `/v1/schedules/${created.id}`, { token: ctx.alice, body: { ...body, ...extra } });
    expect(((await (await put({ deliverWhen: { budgetThresholds: [90] } })).json()) as { deliverWhen?: unknown }).deliverWhen).toEqual({
      budgetThresholds: [90],
      includeForecast: false,
    });
    expect(((await (await put({})).json()) as { deliverWhen?: unknown }).deliverWhen).toBeUndefined();
    // A patch that makes the report an inventory while the thresholds stay is refused too.
    await put({ deliverWhen: { budgetThresholds: [90] } });
    const patched = await expectProblem(
      await ctx.api.call('PATCH', `/v1/schedules/${created.id}`, { token: ctx.alice, body: { report: { type: 'inventory' } } }),
      400,
    );
    expect(patched.errors!.map((e) => e.path)).toEqual(['deliverWhen']);

    const refused = await expectProblem(
      await ctx.api.call('POST', '/v1/schedules', {
        token: ctx.alice,
        body: { ...body, report: { type: 'inventory' }, deliverWhen: { budgetThresholds: [80, 200, 2000] } },
      }),
      400,
    );
    expect(refused.errors!.map((e) => e.path).sort()).toEqual(['deliverWhen', 'deliverWhen.budgetThresholds.2']);
  });
});

describe('the alert e-mail', () => {
  const data = {
    status: 'succeeded' as const,
    type: 'cost' as const,
    title: 'Custos <CC>',
    runId: 'r1',
    summary: {},
    links: [],
    budgetAlerts: [
      { label: 'CC-1010 <b>', threshold: 80, basis: 'actual' as const, percent: 85.25 },
      { label: 'CC-2020', threshold: 100, basis: 'forecast' as const, percent: 104 },
    ],
  };

  it('says which thresholds were reached, in the report language, escaped', () => {
    const pt = renderReportEmail({ ...data, locale: 'pt-BR' });
    expect(pt.subject).toBe('Alerta de orçamento: Custos <CC>');
    expect(pt.text).toContain('Um limite de orçamento foi atingido:\n  - CC-1010 <b> atingiu 80% do orçamento (85,3% usado).');
    expect(pt.text).toContain('A previsão é que CC-2020 atinja 100% do orçamento até o fim do mês (104%).');
    expect(pt.html).toContain('CC-1010 &lt;b&gt; atingiu 80%');
    const en = renderReportEmail({ ...data, locale: 'en' });
    expect(en.subject).toBe('Budget alert: Custos <CC>');
    expect(renderReportEmail({ ...data, locale: 'en', budgetAlerts: undefined }).subject).not.toContain('Budget alert');
  });
});
