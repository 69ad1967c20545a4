import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { awsDeps } from '../wiring/aws';
import { processSqsEvent } from './process-jobs';

const { deps } = awsDeps();

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return processSqsEvent(deps, {}, event);
}
