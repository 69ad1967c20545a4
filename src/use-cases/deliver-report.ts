/**
 * Delivers one finished run on one channel: the `{ kind: 'deliver', runId, channel }` job. Delivery
 * is its own step after rendering with its own retries, so a failed e-mail never renders again.
 *
 * Idempotency: `run.deliveries[channel]` is claimed with a conditional write before sending (see
 * `claim.ts`) and marked `sent` after, so a redelivered job, or two workers racing on one job, send
 * once. The window that remains: an attempt that sent but died before recording `sent` (crash,
 * timeout) is taken over once its claim is older than `claimLeaseSeconds`, and the message goes out
 * a second time. Webhook receivers can drop that duplicate by `X-OpenStack-Reports-Delivery`; Swift
 * uploads replace the same objects.
 */
import { describeError, errorCode, isRetryable, RetryLaterError } from '../domain/errors';
import type { Ports, Telemetry } from '../domain/deps';
import { deliveryStage } from '../domain/metric-catalogue';
import { noMetrics, noTracer } from '../domain/telemetry';
import type { Logger } from '../domain/ports';
import type { DeliveryState, RecipientState, ReportRun } from '../domain/report-run';
import { retryDelaySeconds, type RetryBackoff } from '../domain/retry-backoff';
import { channelApplies, isDeliveryChannel, wantsChannel, type DeliveryChannel } from '../domain/delivery/channels';
import { decideClaim } from '../domain/delivery/claim';
import { composeReportEmail } from './delivery/compose-report-email';
import { DeliveryError } from '../domain/delivery/errors';
import { describeRefusals, finalEmailState, settleReceipt, unsettledRecipients } from './delivery/email-recipients';
import { reportLinks } from './delivery/links';
import { uploadArtifactsToSwift } from './delivery/swift-upload';
import { webhookPayload } from '../domain/delivery/webhook-payload';
import { countDeliverySettled, type CountDeps } from './statistics';

export interface DeliverySettings {
  /** Largest PDF attached to an e-mail; larger ones are linked (default 7 MB: 9.3 MB once base64). */
  attachmentMaxBytes: number;
  /** Lifetime of presigned links in e-mails and webhooks (default 7 days, the SigV4 maximum). */
  linkTtlSeconds: number;
  /**
   * How long a claim is honoured before another attempt may take over (default 15 minutes). Keep it
   * above the worker's timeout, so a claim is only taken over from an attempt that cannot still send.
   */
  claimLeaseSeconds: number;
  /** Base URL of the API, for a link to the run. */
  publicBaseUrl?: string;
  /** The wait before a failed delivery is tried again (the worker's backoff). */
  retryBackoff?: Partial<RetryBackoff>;
}

export const defaultDeliverySettings: DeliverySettings = {
  attachmentMaxBytes: 7 * 1024 * 1024,
  linkTtlSeconds: 7 * 24 * 3600,
  claimLeaseSeconds: 15 * 60,
};

export type DeliverReportDeps = Pick<Ports, 'ledger' | 'mailer' | 'webhooks' | 'uploader' | 'renderEmail' | 'clock' | 'logger'> &
  Telemetry &
  CountDeps & {
    runs: Pick<Ports['runs'], 'get'>;
    artifacts: Pick<Ports['artifacts'], 'get' | 'presignGet'>;
    settings?: Partial<DeliverySettings>;
  };

export type DeliveryOutcome =
  | { outcome: 'sent'; attempts: number }
  | { outcome: 'already-sent' | 'already-failed' }
  /** Permanently failed now (or on the last receive); recorded on the run, not retried. */
  | { outcome: 'failed'; error: string }
  /** Nothing to do: no such run or channel, or the run does not ask for it. */
  | { outcome: 'skipped'; reason: string }
  /** Another attempt holds the claim and this was the last receive: that attempt records the result. */
  | { outcome: 'in-progress' };

/**
 * Runs one delivery job. Throws (so the queue retries) when a transient failure happened before the
 * last receive (a `RetryLaterError` saying when: the state shows it as `nextAttemptAt`), or when
 * another attempt is sending right now; returns otherwise. The state's `attempts` counts every try,
 * the webhook sender's own retries included (the error says how many it made), so the state never
 * says fewer attempts than its error; a delivery that will not be tried again is `failed` at once.
 */
export async function deliverReport(
  deps: DeliverReportDeps,
  job: { runId: string; channel: string },
  receive: { receiveCount: number; maxReceiveCount: number },
): Promise<DeliveryOutcome> {
  const settings = { ...defaultDeliverySettings, ...deps.settings };
  const log = deps.logger.with({ runId: job.runId, channel: job.channel });
  const lastReceive = receive.receiveCount >= receive.maxReceiveCount;
  const { runId, channel } = job;
  if (!isDeliveryChannel(channel)) return skipped(log, `unknown delivery channel "${channel}"`);
  let run = await deps.runs.get(runId);
  if (!run) return skipped(log, 'the run no longer exists');
  if (run.status !== 'succeeded' && run.status !== 'failed') return skipped(log, `the run is ${run.status}, not finished`);
  if (!wantsChannel(run.delivery, channel)) return skipped(log, `the run has no ${channel} delivery`);
  if (!channelApplies(run, channel)) return skipped(log, `a ${run.status} run is not delivered by ${channel}`);
  // A budget alert's gate decided against delivering; a stray delivery job does not overrule it.
  if (run.deliveryGate?.decision === 'skip') return skipped(log, `the budget alert gate held it back: ${run.deliveryGate.reason}`);

  // Claim. A lost race re-reads and decides again; three losses in a row mean someone is busy.
  let current = run.deliveries?.[channel];
  let claimed: DeliveryState | undefined;
  for (let round = 0; round < 3 && !claimed; round++) {
    const decision = decideClaim(current, deps.clock.now(), settings.claimLeaseSeconds * 1000);
    if (decision.kind === 'done') return { outcome: decision.state.status === 'sent' ? 'already-sent' : 'already-failed' };
    if (decision.kind === 'busy') break;
    if (await deps.ledger.compareAndSet(runId, channel, current, decision.next)) claimed = decision.next;
    else {
      run = await deps.runs.get(runId);
      if (!run) return skipped(log, 'the run no longer exists');
      current = run.deliveries?.[channel];
    }
  }
  if (!claimed) {
    if (lastReceive) return { outcome: 'in-progress' };
    throw new DeliveryError('delivery_in_progress', `Another attempt is delivering run ${runId} by ${channel}.`, { retryable: true });
  }

  // E-mail: the recipients settled so far (by earlier attempts, then by this one).
  const allRecipients = channel === 'email' ? (run.delivery?.email ?? []) : [];
  let recipients: RecipientState[] | undefined = channel === 'email' ? (claimed.recipients ?? []) : undefined;
  // How many times the sender tried (a webhook retries by itself); one unless it says.
  let tries: number | undefined;
  const metrics = deps.metrics ?? noMetrics;
  const sending = { type: run.type, started: deps.clock.now().getTime() };
  const measure = (triesMade: number) => {
    metrics.count('delivery_attempts_total', { channel }, triesMade);
    metrics.observe('stage_duration_seconds', { type: sending.type, stage: deliveryStage(channel) }, (deps.clock.now().getTime() - sending.started) / 1000);
  };
  const finishedRun = run;
  try {
    const result = await (deps.tracer ?? noTracer).span(
      `deliver ${channel}`,
      { attributes: { 'openstack_reports.stage': deliveryStage(channel), 'openstack_reports.run.id': runId } },
      () => send(deps, settings, finishedRun, channel, recipients ?? []),
    );
    if (result && 'tries' in result) tries = result.tries;
    else if (result) {
      recipients = result.recipients;
      if (result.deferred) throw result.deferred;
    }
  } catch (error) {
    const retry = isRetryable(error) && !lastReceive;
    measure(triesOf(error));
    const message = describeError(error);
    const attempts = claimed.attempts - 1 + triesOf(error);
    const base = { attempts, at: deps.clock.now().toISOString() };
    const delaySeconds = retryDelaySeconds(receive.receiveCount, settings.retryBackoff);
    const retrying = retry ? { nextAttemptAt: new Date(deps.clock.now().getTime() + delaySeconds * 1000).toISOString() } : {};
    const released: DeliveryState =
      recipients && !retry
        ? finalEmailState(allRecipients, recipients, base, message)
        : { status: retry ? 'pending' : 'failed', ...base, error: message, ...(recipients?.length ? { recipients } : {}), ...retrying };
    const recorded = await deps.ledger.compareAndSet(runId, channel, claimed, released);
    if (!recorded) log.warn('delivery failed and another attempt took over the claim meanwhile', { error: message });
    else if (released.status !== 'pending') await countDeliverySettled(deps, run, channel, released.status, base.at);
    if (retry) {
      log.warn('delivery failed, will retry', { error: message, code: errorCode(error), attempts, ...retrying });
      throw new RetryLaterError(error, delaySeconds);
    }
    if (released.status === 'sent') {
      log.warn('delivered to some recipients only', { error: released.error, attempts });
      return { outcome: 'sent', attempts };
    }
    log.error('delivery failed', { error: message, code: errorCode(error), attempts });
    return { outcome: 'failed', error: message };
  }
  measure(tries ?? 1);
  const base = { attempts: claimed.attempts - 1 + (tries ?? 1), at: deps.clock.now().toISOString() };
  const sent: DeliveryState = recipients ? finalEmailState(allRecipients, recipients, base) : { status: 'sent', ...base };
  if (!(await deps.ledger.compareAndSet(runId, channel, claimed, sent))) {
    // Sent, but our claim had expired and another attempt took over: it may send again (see above).
    log.warn('delivered after the claim expired; another attempt may deliver again', { attempts: claimed.attempts });
  } else if (sent.status !== 'pending') {
    await countDeliverySettled(deps, run, channel, sent.status, base.at);
  }
  if (sent.status === 'failed') {
    log.error('delivery failed', { error: sent.error, code: 'email_rejected', attempts: sent.attempts });
    return { outcome: 'failed', error: sent.error ?? 'The mail server refused every recipient.' };
  }
  if (sent.error) log.warn('delivered to some recipients only', { error: sent.error, attempts: sent.attempts });
  else log.info('delivered', { attempts: sent.attempts });
  return { outcome: 'sent', attempts: sent.attempts };
}

/** The tries a failed send made: what its error says (a webhook sender's retries), else one. */
function triesOf(error: unknown): number {
  return error instanceof DeliveryError && error.attempts !== undefined ? error.attempts : 1;
}

/** What an e-mail send settled, and the deferral to retry (4xx replies for some recipients), if any. */
interface EmailSendResult {
  recipients: RecipientState[];
  deferred?: DeliveryError;
}

async function send(
  deps: DeliverReportDeps,
  settings: DeliverySettings,
  run: ReportRun,
  channel: DeliveryChannel,
  settled: RecipientState[],
): Promise<EmailSendResult | { tries: number } | undefined> {
  const linkOptions = {
    ttlSeconds: settings.linkTtlSeconds,
    ...(settings.publicBaseUrl ? { publicBaseUrl: settings.publicBaseUrl } : {}),
  };
  if (channel === 'email') {
    if (!deps.mailer) throw new DeliveryError('email_not_configured', 'E-mail delivery is not configured on this deployment.', { retryable: false });
    const all = run.delivery?.email ?? [];
    // Only the recipients not yet settled: those an earlier attempt reached never get it twice.
    const pending = unsettledRecipients(all, settled);
    if (pending.length === 0) return { recipients: settled };
    const message = await composeReportEmail(deps.artifacts, run, all, {
      attachmentMaxBytes: settings.attachmentMaxBytes,
      linkTtlSeconds: linkOptions.ttlSeconds,
      ...(linkOptions.publicBaseUrl ? { publicBaseUrl: linkOptions.publicBaseUrl } : {}),
      renderEmail: deps.renderEmail,
    });
    const receipt = await deps.mailer.send(pending.length === all.length ? message : { ...message, envelopeTo: pending });
    const { recipients, deferred } = settleReceipt(all, settled, receipt);
    if (deferred.length === 0) return { recipients };
    return {
      recipients,
      deferred: new DeliveryError('email_deferred', `The mail server deferred ${describeRefusals(deferred)}`, { retryable: true }),
    };
  }
  if (channel === 'swift') {
    const target = run.delivery?.swift;
    if (!target) return;
    const urls = await uploadArtifactsToSwift(deps.artifacts, deps.uploader, run, target);
    deps.logger.with({ runId: run.id, channel }).info('uploaded to swift', { container: target.container, urls });
    return;
  }
  const webhook = run.delivery?.webhook;
  if (!webhook) return;
  const links = await reportLinks(deps.artifacts, run, run.status === 'succeeded' ? run.artifacts : [], linkOptions);
  const sent = await deps.webhooks.send({
    url: webhook.url,
    body: JSON.stringify(webhookPayload(run, links)),
    ...(webhook.secret ? { secret: webhook.secret } : {}),
    deliveryId: `${run.id}:webhook`,
  });
  return { tries: sent.attempts };
}

function skipped(log: Logger, reason: string): DeliveryOutcome {
  log.info('delivery skipped', { reason });
  return { outcome: 'skipped', reason };
}
