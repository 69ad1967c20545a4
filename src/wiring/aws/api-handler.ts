import { handle } from 'hono/aws-lambda';
import { createApp } from '../../handlers/api/app';
import { awsApiDeps } from './api-deps';

const deps = await awsApiDeps();
const lambdaHandler = handle(createApp(deps));

/**
 * API Gateway HTTP API (payload 2.0) → the Hono app. Lambda completes the module, awaits included,
 * before the first request. Metrics and spans are flushed per invocation, before Lambda freezes it.
 */
export const handler: typeof lambdaHandler = async (...args) => {
  try {
    return await lambdaHandler(...args);
  } finally {
    await Promise.all([deps.metrics?.flush(), deps.tracer?.flush()]);
  }
};
