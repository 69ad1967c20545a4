import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
import { lambdaLogger } from './aws-common';
import { awsWorkerDeps } from './worker-deps';

const deps = awsWorkerDeps();

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  lambdaLogger().addLambdaContext(context);
  return processSqsEvent(deps, event);
}
