import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
import { lambdaLogger } from './aws-common';
import { awsWorkerDeps } from './worker-deps';

const deps = awsWorkerDeps();

/** SQS event source (ReportBatchItemFailures): one failing record never fails the others. Metrics and spans are flushed per invocation. */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  lambdaLogger().addLambdaContext(context);
  try {
    return await processSqsEvent(deps, event);
  } finally {
    // Before Lambda freezes the function: this invocation's metrics (EMF) and spans.
    await Promise.all([deps.metrics?.flush(), deps.tracer?.flush()]);
  }
}
