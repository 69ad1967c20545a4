import { describe, expect, it } from 'vitest';
import { expectProblem, useApiRuntime } from '../helpers/api-runtime';

describe('the chargeback fields of a report spec, at the door', () => {
  const ctx = useApiRuntime();

  it.each([
    ['groupBy on an inventory', { type: 'inventory', groupBy: ['flavor'] }, 'groupBy', 'usage and cost reports only'],
    ['step on an inventory', { type: 'inventory', step: 'day' }, 'step', 'usage and cost reports only'],
    ['compare on an inventory', { type: 'inventory', compare: true }, 'compare', 'usage and cost reports only'],
    ['topGroups on an inventory', { type: 'inventory', topGroups: 5 }, 'topGroups', 'usage and cost reports only'],
    ['budgets on a usage report', { type: 'usage', budgets: [{ keys: ['CC-1'], amount: 5 }] }, 'budgets', 'cost reports only'],
    ['an unknown dimension', { type: 'cost', groupBy: ['colour'] }, 'groupBy.0', 'metadata:<key>'],
    ['a metadata dimension without a key', { type: 'cost', groupBy: ['metadata:'] }, 'groupBy.0', 'metadata:<key>'],
    ['three dimensions', { type: 'cost', groupBy: ['project', 'flavor', 'domain'] }, 'groupBy', 'at most two'],
    ['a repeated dimension', { type: 'cost', groupBy: ['flavor', 'flavor'] }, 'groupBy', 'must not repeat'],
    ['an unknown step', { type: 'usage', step: 'hour' }, 'step', ''],
    ['a budget of zero', { type: 'cost', budgets: [{ keys: ['CC-1'], amount: 0 }] }, 'budgets.0.amount', 'more than zero'],
    ['a budget with more keys than dimensions', { type: 'cost', budgets: [{ keys: ['a', 'b'], amount: 1 }] }, 'budgets.0.keys', '2 keys'],
    ['topGroups of zero', { type: 'cost', topGroups: 0 }, 'topGroups', ''],
  ])('answers 400 for %s, naming the field', async (_name, body, path, message) => {
    const problem = await expectProblem(await ctx.api.call('POST', '/v1/reports', { token: ctx.alice, body }), 400);
    const issues = problem.errors!.filter((e) => e.path === path);
    expect(issues, JSON.stringify(problem.errors)).toHaveLength(1);
    const issue = issues[0];
    expect(issue!.message).toContain(message);
  });

  it('refuses the same in a schedule’s report', async () => {
    const problem = await expectProblem(
      await ctx.api.call('POST', '/v1/schedules', {
        token: ctx.alice,
        body: { expression: 'rate(1 day)', timezone: 'UTC', report: { type: 'inventory', groupBy: ['flavor'] } },
      }),
      400,
    );
    expect(problem.errors!.map((e) => e.path)).toContain('report.groupBy');
  });

  it('accepts a grouped cost report with a price list that carries budgets, and runs it', async () => {
    const res = await ctx.api.call('POST', '/v1/reports', {
      token: ctx.alice,
      body: {
        type: 'cost',
        groupBy: ['metadata:cost_center', 'project'],
        step: 'day',
        compare: true,
        topGroups: 3,
        budgets: [{ keys: ['CC-1010'], amount: '100.50' }],
        priceList: { currency: 'EUR', units: { vcpuHour: '0.02' }, budgets: [{ groupBy: ['metadata:cost_center', 'project'], keys: ['CC-2020'], amount: 40 }] },
        formats: ['json'],
      },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect((await ctx.api.waitForRun(ctx.alice, id)).status).toBe('succeeded');
  });
});
