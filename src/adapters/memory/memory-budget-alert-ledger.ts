import type { BudgetAlertClaim, BudgetAlertKey, BudgetAlertLedger } from '../../domain/schedules/deliver-when';

/** Budget alerts in process memory (tests): the same answers as the DynamoDB ledger, for one process. */
export class MemoryBudgetAlertLedger implements BudgetAlertLedger {
  readonly alerts = new Map<string, { runId: string; at: string }>();

  claim(key: BudgetAlertKey, runId: string, at: Date): Promise<BudgetAlertClaim> {
    const id = JSON.stringify([key.scheduleId, key.periodStart, key.keys, key.threshold]);
    const existing = this.alerts.get(id);
    if (!existing) {
      this.alerts.set(id, { runId, at: at.toISOString() });
      return Promise.resolve({ outcome: 'claimed' });
    }
    return Promise.resolve(existing.runId === runId ? { outcome: 'mine' } : { outcome: 'taken', ...existing });
  }
}
