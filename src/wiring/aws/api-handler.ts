import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { healthProbes } from '../../handlers/api/routes/health';
import { handle } from 'hono/aws-lambda';
import { fileURLToPath } from 'node:url';
import { DynamoIdempotencyStore } from '../../adapters/aws/dynamo-idempotency-store';
import { awsDeps, awsWebhookPolicy } from './aws-wiring';
import { createApp } from '../../handlers/api/app';
import { apiGatewayAuthenticator } from '../../adapters/jwt/jose-authenticator';

const { config, deps, schedules } = awsDeps();

/** API Gateway HTTP API (payload 2.0) → the Hono app. The JWT authorizer has verified the token. */
export const handler = handle(
  createApp({
    ...deps,
    authenticate: apiGatewayAuthenticator(config.AUTH_OWNER_CLAIM),
    health: healthProbes(deps),
    schedules,
    // Idempotency keys live in the runs table under `idem#…` ids, so every Lambda instance sees them.
    idempotency: new DynamoIdempotencyStore(new DynamoDBClient({}), config.RUNS_TABLE),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    webhookPolicy: awsWebhookPolicy,
    // The bundling copies swagger-ui-dist's files next to index.mjs (infra/constructs/api.ts).
    swaggerUiDir: fileURLToPath(new URL('./swagger-ui-dist/', import.meta.url)),
  }),
);
