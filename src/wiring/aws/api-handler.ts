import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../../handlers/api/app';
import { awsApiDeps } from './api-deps';
import { lambdaLogger } from './aws-common';

/** Lambda completes the module, awaits included, before the first request. */
const app = handle(createApp(await awsApiDeps()));

/** API Gateway HTTP API (payload 2.0) → the Hono app, with the invocation's context on every log line. */
export function handler(event: LambdaEvent, context: Context): ReturnType<typeof app> {
  lambdaLogger().addLambdaContext(context);
  return app(event, context);
}
