import { handle } from 'hono/aws-lambda';
import { awsDeps } from '../wiring/aws';
import { createApp } from './app';
import { apiGatewayAuthenticator } from './jose-authenticator';

const { config, deps } = awsDeps();

/** API Gateway HTTP API (payload 2.0) → the Hono app. The JWT authorizer has verified the token. */
export const handler = handle(
  createApp({
    ...deps,
    authenticate: apiGatewayAuthenticator(config.AUTH_OWNER_CLAIM),
    health: [
      { name: 'storage', check: () => deps.artifacts.ping() },
      { name: 'queue', check: () => deps.queue.ping() },
      { name: 'openstack', check: async () => (await deps.inventory()).checkAuth() },
    ],
  }),
);
