/**
 * Ports wrapped in spans, whatever adapter is inside: the same spans on AWS and locally. Names and
 * attributes follow OpenTelemetry's semantic conventions (messaging, AWS SDK, HTTP client).
 */
import type { Mailer, WebhookSender } from '../../domain/delivery/ports';
import type { ArtifactStore, JobQueue, PdfRenderer, Tracer } from '../../domain/ports';

/**
 * A queue whose every message carries the sending span's W3C `traceparent`, so the worker's spans
 * join the trace of the request (or the fire, or the run) that sent the job.
 */
export function tracedJobQueue(queue: JobQueue, tracer: Tracer, queueName: string): JobQueue {
  return {
    send: (job, options) =>
      tracer.span(
        `send ${queueName}`,
        {
          kind: 'producer',
          attributes: {
            'messaging.system': 'aws_sqs',
            'messaging.operation.type': 'send',
            'messaging.destination.name': queueName,
            'openstack_reports.job.kind': job.kind,
          },
        },
        async () => {
          const traceparent = tracer.traceparent();
          return queue.send(traceparent ? { ...job, traceparent } : job, options);
        },
      ),
    ping: () => queue.ping(),
  };
}

/** Artifact writes as `S3.PutObject` client spans (the object key names the run: an attribute, never a metric label). */
export function tracedArtifactStore(store: ArtifactStore, tracer: Tracer, bucket: string): ArtifactStore {
  return {
    put: (key, body, contentType) =>
      tracer.span(
        'S3.PutObject',
        {
          kind: 'client',
          attributes: {
            'rpc.system': 'aws-api',
            'rpc.service': 'S3',
            'rpc.method': 'PutObject',
            'aws.s3.bucket': bucket,
            'aws.s3.key': key,
            'openstack_reports.bytes': body.byteLength,
          },
        },
        () => store.put(key, body, contentType),
      ),
    get: (key) => store.get(key),
    presignGet: (key, expiresInSeconds, filename) => store.presignGet(key, expiresInSeconds, filename),
    delete: (keys) => store.delete(keys),
    ping: () => store.ping(),
  };
}

/** Each Chromium print as a span (a large PDF is printed in chunks: one span each). */
export function tracedPdfRenderer(pdf: PdfRenderer, tracer: Tracer): PdfRenderer {
  const traced: PdfRenderer & { parallelism?: unknown } = {
    render: (html, options) =>
      tracer.span('chromium print', { attributes: { 'openstack_reports.html_bytes': html.length } }, async (span) => {
        const out = await pdf.render(html, options);
        span.setAttributes({ 'openstack_reports.pdf_bytes': out.byteLength });
        return out;
      }),
    close: () => pdf.close(),
  };
  // The presentation prints as many chunks at once as the renderer has browsers.
  const parallelism = (pdf as { parallelism?: unknown }).parallelism;
  if (parallelism !== undefined) traced.parallelism = parallelism;
  return traced;
}

/** E-mail sends as client spans: `SES.SendEmail` or `SMTP send`, with how many recipients were accepted. */
export function tracedMailer(mailer: Mailer, tracer: Tracer, system: 'ses' | 'smtp'): Mailer {
  const name = system === 'ses' ? 'SES.SendEmail' : 'SMTP send';
  const rpc = system === 'ses' ? { 'rpc.system': 'aws-api', 'rpc.service': 'SESv2', 'rpc.method': 'SendEmail' } : { 'network.protocol.name': 'smtp' };
  return {
    send: (message) =>
      tracer.span(name, { kind: 'client', attributes: { ...rpc, 'openstack_reports.recipients': (message.envelopeTo ?? message.to).length } }, async (span) => {
        const receipt = await mailer.send(message);
        span.setAttributes({ 'openstack_reports.refused': receipt.refused?.length ?? 0 });
        return receipt;
      }),
  };
}

/** Webhook calls as HTTP client spans (the URL's host only: its path and query may hold a token). */
export function tracedWebhookSender(sender: WebhookSender, tracer: Tracer): WebhookSender {
  return {
    send: (request) =>
      tracer.span('POST webhook', { kind: 'client', attributes: { 'http.request.method': 'POST', 'server.address': hostOf(request.url) } }, async (span) => {
        const result = await sender.send(request);
        span.setAttributes({ 'http.response.status_code': result.status, 'openstack_reports.attempts': result.attempts });
        return result;
      }),
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
