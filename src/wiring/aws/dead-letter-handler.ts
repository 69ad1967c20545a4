import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';
import { lambdaLogger } from './aws-common';
import { awsDeadLetterDeps } from './dead-letter-deps';

const deps = awsDeadLetterDeps();

/** The jobs dead-letter queue: marks runs whose worker crashed or timed out on every attempt as failed (and counts them). */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  lambdaLogger().addLambdaContext(context);
  try {
    return await processDeadLetters(deps, event);
  } finally {
    await deps.metrics?.flush();
  }
}
