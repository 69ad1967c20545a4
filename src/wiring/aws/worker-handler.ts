import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { awsDeps } from './aws-wiring';
import { createJobHooks } from '../../handlers/worker/job-hooks';
import { processSqsEvent } from '../../handlers/worker/process-jobs';

const { deps, delivery } = awsDeps();
const hooks = createJobHooks(deps, delivery);

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processSqsEvent(deps, hooks, event);
}
