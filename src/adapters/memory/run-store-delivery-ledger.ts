import type { DeliveryState } from '../../domain/report-run';
import type { RunStore } from '../../domain/ports';
import { sameDeliveryState } from '../../domain/delivery/claim';
import type { DeliveryLedger } from '../../domain/delivery/ports';

/**
 * A `DeliveryLedger` over any `RunStore`, for the local runtime (one process). `RunStore.update`
 * can only condition on the run status and replaces `deliveries` whole, so this serialises the
 * read-compare-write of each run inside the process. Two processes sharing a store need a ledger
 * with a real conditional write (`DynamoDeliveryLedger`).
 */
export class RunStoreDeliveryLedger implements DeliveryLedger {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly runs: RunStore) {}

  compareAndSet(runId: string, channel: string, expected: DeliveryState | undefined, next: DeliveryState): Promise<boolean> {
    return this.serialised(runId, async () => {
      const run = await this.runs.get(runId);
      if (!run || !sameDeliveryState(run.deliveries?.[channel], expected)) return false;
      await this.runs.update(runId, { deliveries: { ...run.deliveries, [channel]: next } });
      return true;
    });
  }

  private serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return result;
  }
}
