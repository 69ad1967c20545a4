import { mintDevToken } from '../../adapters/jwt/dev-token';
import type { InProcessSqsQueue } from '../../adapters/local/in-process-sqs-queue';
import type { LocalScheduler } from '../../adapters/local/local-scheduler';
import type { SmtpOutbox } from '../../adapters/local/smtp-outbox';
import { createApp, defaultMaxBodyBytes, type ApiDeps } from '../../handlers/api/app';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
import { fileURLToPath } from 'node:url';
import { PrometheusMetrics } from '../../adapters/local/prometheus-metrics';
import { consoleSite } from './console-site';
import { listenLocal } from './local-http-server';
import { localApiDeps, localDeadLetterDeps, localWorkerDeps, startLocalAdapters, type LocalRuntimeOptions } from './local-wiring';

export type { LocalRuntimeOptions } from './local-wiring';

export interface LocalRuntime {
  url: string;
  deps: ApiDeps;
  queue: InProcessSqsQueue;
  deadLetters: InProcessSqsQueue;
  scheduler: LocalScheduler;
  /** Where e-mails land without SMTP_URL: an SMTP server whose `url` is a web page listing them. */
  outbox: SmtpOutbox;
  mintToken(sub: string, scopes: string[], expiresInSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole service on 127.0.0.1: the API app on Node, the worker and dead-letter handlers fed by
 * in-process queues with SQS semantics, run records in dynalite and artifacts in s3rver. The same
 * handlers as on AWS; only the adapters differ, and the local wiring makes them.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const adapters = await startLocalAdapters(options);
  try {
    // Listening first: the API's links use the runtime's own URL, never the request's Host header.
    const http = await listenLocal(options.port);
    try {
      const api = localApiDeps(adapters, options, { publicBaseUrl: http.url });
      const worker = localWorkerDeps(adapters, options);
      const deadLetters = localDeadLetterDeps(adapters, options);
      await adapters.scheduler.start();
      adapters.jobQueue.start((event) => processSqsEvent(worker, event));
      adapters.deadLetters.start((event) => processDeadLetters(deadLetters, event));
      const app = createApp(api);
      // Prometheus scrapes the local service itself; on AWS the same metrics go to CloudWatch instead.
      const { metrics } = adapters;
      const serveMetrics = async () => {
        const { contentType, body } = await (metrics as PrometheusMetrics).exposition();
        return new Response(body, { headers: { 'content-type': contentType } });
      };
      const scraped = (request: Request) => metrics instanceof PrometheusMetrics && request.method === 'GET' && new URL(request.url).pathname === '/metrics';
      const site = consoleSite({
        dir: options.consoleDir ?? builtConsoleDir(),
        origin: http.url,
        artifactOrigin: adapters.artifactOrigin,
        mintToken: (sub, scopes, expiresInSeconds) => mintDevToken(adapters.devSecret, { sub, scopes, expiresInSeconds }),
      });
      http.serve(async (request, env) => (scraped(request) ? serveMetrics() : ((await site(request, env.incoming)) ?? app.fetch(request, env))), {
        maxBodyBytes: api.settings.maxBodyBytes ?? defaultMaxBodyBytes,
      });
      return {
        url: http.url,
        deps: api,
        queue: adapters.jobQueue,
        deadLetters: adapters.deadLetters,
        scheduler: adapters.scheduler,
        outbox: adapters.outbox,
        mintToken: (sub, scopes, expiresInSeconds) => mintDevToken(adapters.devSecret, { sub, scopes, expiresInSeconds }),
        close: async () => {
          await http.close();
          await adapters.close();
        },
      };
    } catch (error) {
      await http.close();
      throw error;
    }
  } catch (error) {
    await adapters.close();
    throw error;
  }
}

/** `dist/console/`: beside the bundle when running from dist/ (`npm start`), else at the package's root (the sources, in tests). */
function builtConsoleDir(): string {
  const here = new URL('.', import.meta.url);
  return fileURLToPath(here.pathname.endsWith('/dist/') ? new URL('./console/', here) : new URL('../../../dist/console/', here));
}
