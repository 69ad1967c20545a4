import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
import { awsWorkerDeps } from './worker-deps';

const deps = awsWorkerDeps();

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processSqsEvent(deps, event);
}
