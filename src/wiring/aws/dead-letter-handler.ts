import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { awsDeps } from './aws-wiring';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';

const { deps, delivery } = awsDeps();

/** The jobs dead-letter queue: marks runs whose worker crashed or timed out on every attempt as failed. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processDeadLetters(deps, delivery.ledger, event);
}
