/**
 * The delivery gate of budget-alert schedules (`deliverWhen`): after a run of such a schedule
 * succeeded, its report's budgets are compared with the thresholds, and each threshold a group
 * reached is claimed in the alert ledger for the schedule, the report's period and the group. The run
 * is delivered when it claimed at least one alert (or holds it already: a duplicate queue message or
 * a retry after a crash re-runs this and gets the same answer), and not otherwise. The decision and
 * its reason are kept on the run (`deliveryGate`), which stays like any other run.
 */
import * as z from 'zod';
import type { Ports } from '../domain/deps';
import type { ReportRun } from '../domain/report-run';
import { budgetCrossings, type DeliveryGate } from '../domain/schedules/deliver-when';

export type GateBudgetDeliveryDeps = Pick<Ports, 'budgetAlerts' | 'clock' | 'logger'> & {
  runs: Pick<Ports['runs'], 'update'>;
  artifacts: Pick<Ports['artifacts'], 'get'>;
};

/** What the gate reads of the run's JSON snapshot (`budgets` and `period` of report-data.ts); the rest is ignored. */
const snapshotSchema = z.object({
  period: z.object({ start: z.string() }).optional(),
  budgets: z.array(z.object({ keys: z.array(z.string()), label: z.string(), usedPercent: z.number(), forecastPercent: z.number().optional() })).optional(),
});

/** Whether a finished run is to be delivered; for a run with `deliverWhen`, decides once and records why. */
export async function gateBudgetDelivery(deps: GateBudgetDeliveryDeps, run: ReportRun): Promise<boolean> {
  // A failed run still tells its recipients why, as every schedule's does: a broken alert must not stay silent.
  if (!run.deliverWhen || !run.scheduleId || run.status !== 'succeeded') return true;
  if (run.deliveryGate) return run.deliveryGate.decision === 'deliver';
  const gate = await decide(deps, run, run.deliverWhen, run.scheduleId);
  await deps.runs.update(run.id, { deliveryGate: gate });
  deps.logger.with({ runId: run.id }).info('budget alert gate', { decision: gate.decision, reason: gate.reason });
  return gate.decision === 'deliver';
}

async function decide(deps: GateBudgetDeliveryDeps, run: ReportRun, when: NonNullable<ReportRun['deliverWhen']>, scheduleId: string): Promise<DeliveryGate> {
  const now = deps.clock.now();
  const skip = (reason: string, crossings: DeliveryGate['crossings'] = []): DeliveryGate => ({
    decision: 'skip',
    reason,
    evaluatedAt: now.toISOString(),
    crossings,
  });
  const bytes = run.dataKey ? await deps.artifacts.get(run.dataKey) : undefined;
  if (!bytes) return skip('The report data to compare with the budget thresholds is not stored.');
  const snapshot = snapshotSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  const budgets = snapshot.success ? (snapshot.data.budgets ?? []) : [];
  const periodStart = snapshot.success ? snapshot.data.period?.start : undefined;
  if (budgets.length === 0 || !periodStart) {
    return skip('The report has no budgets to compare with the thresholds: give budgets in the report spec or its price list.');
  }
  const thresholds = when.budgetThresholds.map((t) => `${t}%`).join(', ');
  const crossings = budgetCrossings(budgets, when);
  if (crossings.length === 0) {
    const top = [...budgets].sort((a, b) => Math.max(b.usedPercent, b.forecastPercent ?? 0) - Math.max(a.usedPercent, a.forecastPercent ?? 0))[0];
    const forecast = when.includeForecast && top.forecastPercent !== undefined ? `, forecast ${top.forecastPercent}%` : '';
    return skip(
      `No budget reached ${thresholds}${when.includeForecast ? ' or is forecast to' : ''} (highest: ${top.label} at ${top.usedPercent}%${forecast}).`,
    );
  }
  const recorded: DeliveryGate['crossings'] = [];
  for (const c of crossings) {
    const claim = await deps.budgetAlerts.claim({ scheduleId, periodStart, keys: c.keys, threshold: c.threshold }, run.id, now);
    recorded.push(claim.outcome === 'taken' ? { ...c, alreadySentBy: claim.runId } : c);
  }
  const fresh = recorded.filter((c) => !c.alreadySentBy);
  const say = (c: DeliveryGate['crossings'][number]) =>
    c.basis === 'actual'
      ? `${c.label} reached ${c.threshold}% of its budget (${c.percent}%)`
      : `${c.label} is forecast to reach ${c.threshold}% (${c.percent}%)`;
  if (fresh.length === 0) {
    return skip(`Already alerted this period: ${recorded.map((c) => `${c.label} at ${c.threshold}% (run ${c.alreadySentBy})`).join('; ')}.`, recorded);
  }
  return { decision: 'deliver', reason: `${fresh.map(say).join('; ')}.`, evaluatedAt: now.toISOString(), crossings: recorded };
}
