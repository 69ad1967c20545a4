import { handle } from 'hono/aws-lambda';
import { createApp } from '../../handlers/api/app';
import { awsApiDeps } from './api-deps';

/** API Gateway HTTP API (payload 2.0) → the Hono app. Lambda completes the module, awaits included, before the first request. */
export const handler = handle(createApp(await awsApiDeps()));
