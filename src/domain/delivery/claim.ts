/**
 * The claim step of a delivery, as a pure decision over `run.deliveries[channel]`:
 *
 * | state                                   | meaning                         | a new attempt...            |
 * | --------------------------------------- | ------------------------------- | --------------------------- |
 * | none                                    | never tried                     | claims it                   |
 * | `pending`, no `error`, `at` < lease ago | an attempt is sending right now | waits (retry later)         |
 * | `pending`, no `error`, `at` older       | that attempt died mid-way       | takes over                  |
 * | `pending` with `error`                  | the last attempt failed, retry  | claims it                   |
 * | `sent` / `failed`                       | finished                        | does nothing                |
 *
 * A claim is a conditional write of `{ pending, attempts + 1, at: now }` that expects the state read,
 * so of two concurrent attempts exactly one wins.
 */
import type { DeliveryState } from '../report-run';

export type ClaimDecision =
  { kind: 'claim'; next: DeliveryState } | { kind: 'done'; state: DeliveryState } | { kind: 'busy'; state: DeliveryState; until: Date };

/** What an attempt at `now` does with the current state, given how long a claim is honoured. */
export function decideClaim(current: DeliveryState | undefined, now: Date, leaseMs: number): ClaimDecision {
  if (current?.status === 'sent' || current?.status === 'failed') return { kind: 'done', state: current };
  if (current && !current.error && current.at) {
    const until = new Date(Date.parse(current.at) + leaseMs);
    if (until.getTime() > now.getTime()) return { kind: 'busy', state: current, until };
  }
  // The recipients an earlier attempt settled stay settled: the next attempt sends to the others only.
  const recipients = current?.recipients?.length ? { recipients: current.recipients } : {};
  return { kind: 'claim', next: { status: 'pending', attempts: (current?.attempts ?? 0) + 1, at: now.toISOString(), ...recipients } };
}

/** Equality of two delivery states as the ledger compares them. */
export function sameDeliveryState(a: DeliveryState | undefined, b: DeliveryState | undefined): boolean {
  if (!a || !b) return a === b;
  return a.status === b.status && a.attempts === b.attempts && a.at === b.at && a.error === b.error;
}
