import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';
import { awsDeadLetterDeps } from './dead-letter-deps';

const deps = awsDeadLetterDeps();

/** The jobs dead-letter queue: marks runs whose worker crashed or timed out on every attempt as failed (and counts them). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  try {
    return await processDeadLetters(deps, event);
  } finally {
    await deps.metrics?.flush();
  }
}
