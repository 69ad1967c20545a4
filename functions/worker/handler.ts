import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { awsDeps } from '../wiring/aws';
import { createJobHooks } from './job-hooks';
import { processSqsEvent } from './process-jobs';

const { deps, delivery } = awsDeps();
const hooks = createJobHooks(deps, delivery);

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processSqsEvent(deps, hooks, event);
}
