import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mintDevToken } from '../../adapters/jwt/dev-token';
import type { InProcessSqsQueue } from '../../adapters/local/in-process-sqs-queue';
import type { LocalScheduler } from '../../adapters/local/local-scheduler';
import type { SmtpOutbox } from '../../adapters/local/smtp-outbox';
import { createApp, type ApiDeps } from '../../handlers/api/app';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
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
    const api = localApiDeps(adapters, options);
    const worker = localWorkerDeps(adapters, options);
    const deadLetters = localDeadLetterDeps(adapters, options);
    await adapters.scheduler.start();
    adapters.queue.start((event) => processSqsEvent(worker, event));
    adapters.deadLetters.start((event) => processDeadLetters(deadLetters, event));
    const server = await listen(createApp(api).fetch, options.port);
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      deps: api,
      queue: adapters.queue,
      deadLetters: adapters.deadLetters,
      scheduler: adapters.scheduler,
      outbox: adapters.outbox,
      mintToken: (sub, scopes, expiresInSeconds) => mintDevToken(adapters.devSecret, { sub, scopes, expiresInSeconds }),
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await adapters.close();
      },
    };
  } catch (error) {
    await adapters.close();
    throw error;
  }
}

async function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  // Node answers some malformed requests itself, before the app: make those problem+json too.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify({
      type: 'urn:openstack-reports:problem:bad-request',
      title: 'Bad Request',
      status: 400,
      detail: 'The request could not be parsed.',
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
