/**
 * Per-recipient bookkeeping of the e-mail channel. A mail server accepts or refuses each recipient
 * of a message on its own (SMTP `RCPT TO`): the accepted ones have the mail and must not get it
 * again, the ones refused for good (5xx) fail with the server's reply, the deferred ones (4xx) are
 * tried again on the next receive, alone.
 */
import type { DeliveryState, RecipientState } from '../../domain/report-run';
import type { MailReceipt, RecipientRefusal } from '../../domain/delivery/ports';

const key = (address: string) => address.trim().toLowerCase();

/** The recipients no earlier attempt settled, in the run's order. */
export function unsettledRecipients(all: string[], settled: RecipientState[]): string[] {
  const done = new Set(settled.map((r) => key(r.address)));
  return all.filter((address) => !done.has(key(address)));
}

/**
 * Recipients settled after a send: accepted ones `sent`, those refused for good `failed` with the
 * reply; deferred ones stay unsettled and are returned apart. Addresses are recorded as the run
 * spells them (servers may change their case).
 */
export function settleReceipt(all: string[], settled: RecipientState[], receipt: MailReceipt): { recipients: RecipientState[]; deferred: RecipientRefusal[] } {
  const spelled = new Map(all.map((address) => [key(address), address]));
  const name = (address: string) => spelled.get(key(address)) ?? address;
  const recipients = [...settled];
  for (const address of receipt.accepted) recipients.push({ address: name(address), status: 'sent' });
  const deferred: RecipientRefusal[] = [];
  for (const refusal of receipt.refused) {
    if (refusal.retryable) deferred.push({ ...refusal, address: name(refusal.address) });
    else recipients.push({ address: name(refusal.address), status: 'failed', error: refusal.error });
  }
  return { recipients, deferred };
}

/** One line naming each refused recipient and the server's reply. */
export function describeRefusals(refusals: { address: string; error?: string }[]): string {
  return refusals.map((r) => `${r.address}: ${r.error ?? 'refused'}`).join('; ');
}

/**
 * The channel's final state once no retry follows: recipients still unsettled fail with `error`;
 * the channel is `sent` when at least one recipient got the mail (the refused ones named in
 * `error`), `failed` when none did.
 */
export function finalEmailState(all: string[], settled: RecipientState[], base: Pick<DeliveryState, 'attempts' | 'at'>, error?: string): DeliveryState {
  const recipients = [
    ...settled,
    ...unsettledRecipients(all, settled).map((address): RecipientState => ({ address, status: 'failed', error: error ?? 'not sent' })),
  ];
  const failed = recipients.filter((r) => r.status === 'failed');
  const anySent = recipients.some((r) => r.status === 'sent');
  const reason =
    failed.length === 0 ? undefined : anySent ? `Not delivered to ${describeRefusals(failed)}` : (error ?? `Not delivered to ${describeRefusals(failed)}`);
  return { status: anySent ? 'sent' : 'failed', ...base, ...(reason ? { error: reason } : {}), recipients };
}
