import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../../handlers/api/app';
import { awsApiDeps } from './api-deps';
import { lambdaLogger } from './aws-common';

const deps = await awsApiDeps();
const app = handle(createApp(deps));

/**
 * API Gateway HTTP API (payload 2.0) → the Hono app, with the invocation's context on every log line.
 * Lambda completes the module, awaits included, before the first request. Metrics and spans are
 * flushed per invocation, before Lambda freezes it.
 */
export async function handler(event: LambdaEvent, context: Context): Promise<Awaited<ReturnType<typeof app>>> {
  lambdaLogger().addLambdaContext(context);
  try {
    return await app(event, context);
  } finally {
    await Promise.all([deps.metrics?.flush(), deps.tracer?.flush()]);
  }
}
