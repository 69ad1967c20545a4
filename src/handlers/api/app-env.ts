import type { LambdaEvent } from 'hono/aws-lambda';
import type { Caller } from '../../domain/caller';

/** Hono's environment for the API: the authenticated caller, the external base URL, the request's id and, on AWS, the Lambda event. */
export type AppEnv = {
  Variables: { caller: Caller; baseUrl: string; requestId: string };
  Bindings: { event?: LambdaEvent };
};
