/**
 * Budget alerts: a schedule whose `deliverWhen` names budget thresholds runs on every fire, as any
 * schedule does, but delivers its report only when a budget's use crosses one of the thresholds (or,
 * with `includeForecast`, its month-end forecast does), once per threshold, group and period.
 */
import * as z from 'zod';

export const deliverWhenLimits = { thresholds: 10, maxPercent: 1000 } as const;

/** The `deliverWhen` field of a schedule. */
export const deliverWhenSchema = z.strictObject({
  /** Percentages of a budget (80 = 80 %); an alert goes out the first time a group reaches each one. */
  budgetThresholds: z
    .array(z.number().gt(0).max(deliverWhenLimits.maxPercent))
    .min(1)
    .max(deliverWhenLimits.thresholds, `at most ${deliverWhenLimits.thresholds} thresholds`)
    .refine((t) => new Set(t).size === t.length, 'must not repeat a threshold')
    .transform((t) => [...t].sort((a, b) => a - b)),
  /** Also alert when the month-end forecast reaches a threshold (month-to-date reports have one). */
  includeForecast: z.boolean().default(false),
});
export type DeliverWhen = z.output<typeof deliverWhenSchema>;

/** What the gate reads of a budget row of the report's data (`budgets` in report-data.ts). */
export interface BudgetUse {
  keys: string[];
  label: string;
  usedPercent: number;
  forecastPercent?: number;
}

/** A threshold a group's budget use reached: `actual` by its cost so far, `forecast` by its month-end forecast only. */
export interface BudgetCrossing {
  keys: string[];
  label: string;
  threshold: number;
  basis: 'actual' | 'forecast';
  percent: number;
}

/**
 * Every threshold each budget has reached in this report, actual use first: a group at 85 % of its
 * budget with 80 and 100 as thresholds has crossed 80, and with `includeForecast` and a forecast of
 * 104 %, is forecast to cross 100.
 */
export function budgetCrossings(budgets: readonly BudgetUse[], when: DeliverWhen): BudgetCrossing[] {
  const out: BudgetCrossing[] = [];
  for (const b of budgets) {
    for (const threshold of when.budgetThresholds) {
      if (b.usedPercent >= threshold) out.push({ keys: b.keys, label: b.label, threshold, basis: 'actual', percent: b.usedPercent });
      else if (when.includeForecast && b.forecastPercent !== undefined && b.forecastPercent >= threshold) {
        out.push({ keys: b.keys, label: b.label, threshold, basis: 'forecast', percent: b.forecastPercent });
      }
    }
  }
  return out;
}

/**
 * One alert: a schedule's group reaching a threshold within one report period (identified by the
 * period's start, which stays the same for every fire of a month-to-date schedule within the month).
 * A crossing reached by actual use and earlier by forecast is the same alert: it is sent once.
 */
export interface BudgetAlertKey {
  scheduleId: string;
  periodStart: string;
  keys: string[];
  threshold: number;
}

/** Whether an alert was free (this run now owns it), already this run's (a retry), or another run's. */
export type BudgetAlertClaim = { outcome: 'claimed' | 'mine' } | { outcome: 'taken'; runId: string; at: string };

/**
 * Where sent budget alerts are remembered (DynamoDB items on AWS and locally, beside the runs).
 * `claim` is one conditional write: of any number of runs claiming one alert, concurrently or after
 * a restart, one owns it; the owner claiming again (a duplicate queue message) gets `mine`.
 */
export interface BudgetAlertLedger {
  claim(key: BudgetAlertKey, runId: string, at: Date): Promise<BudgetAlertClaim>;
}

/**
 * What the gate decided for a run of a `deliverWhen` schedule, kept on the run: `deliver` with the
 * alerts this run sends, or `skip` with the reason (no threshold reached, or each already alerted).
 */
export interface DeliveryGate {
  decision: 'deliver' | 'skip';
  reason: string;
  evaluatedAt: string;
  /** The thresholds reached in this run; `alreadySentBy`: the run that alerted it first. */
  crossings: (BudgetCrossing & { alreadySentBy?: string })[];
}
