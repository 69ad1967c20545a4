import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Duration, Size } from 'aws-cdk-lib';
import { Architecture, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../compliance';
import type { LogLevelName } from '../settings';
import { lambdaEntries } from '../bundling/lambda-bundle';
import { EsmFunction, isCode, repoRoot, requirePath, type BundleCopy } from './esm-function';

/** Where the Chromium brotli archives land in the worker package; the worker passes it to `chromium.executablePath()`. */
export const chromiumBinDir = '/var/task/chromium-bin';
/** Where non-code template assets (CSS, fonts, images) land in the worker package. */
export const templatesDir = '/var/task/templates';
/** Timeout of the dead-letter handler: it only updates a few DynamoDB items per batch. */
export const deadLetterHandlerTimeout = Duration.seconds(60);

/** Properties of {@link Worker}. */
export interface WorkerProps {
  readonly environment: Readonly<Record<string, string>>;
  readonly jobsQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly memorySizeMb: number;
  readonly timeout: Duration;
  readonly batchSize: number;
  readonly maxConcurrency: number;
  readonly logLevel: LogLevelName;
  readonly logRetention: RetentionDays;
}

/**
 * The job side: the worker (reports with headless Chromium, deliveries) fed by the jobs queue, and the
 * dead-letter handler that marks runs failed once their job has crashed or timed out too often.
 */
export class Worker extends Construct {
  readonly worker: EsmFunction;
  readonly deadLetterHandler: EsmFunction;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id);

    this.worker = new EsmFunction(this, 'Worker', {
      entry: lambdaEntries.worker,
      description: 'openstack-reports worker: queries OpenStack, renders reports, delivers them',
      memorySizeMb: props.memorySizeMb,
      timeout: props.timeout,
      // The npm package of @sparticuz/chromium ships x64 binaries only.
      architecture: Architecture.X86_64,
      // Chromium inflates to about 250 MB in /tmp, next to the report being rendered and its attachments.
      ephemeralStorage: Size.mebibytes(2048),
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'openstack-reports-worker' },
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      copyIntoBundle: workerBundleCopies(),
    });
    this.worker.function.addEventSource(
      new SqsEventSource(props.jobsQueue, {
        batchSize: props.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
    acknowledgeEventSourceDestination(this.worker.function, 'the jobs queue dead-letters a job after maxReceiveCount receives');

    this.deadLetterHandler = new EsmFunction(this, 'DeadLetterHandler', {
      entry: lambdaEntries.deadLetter,
      description: 'openstack-reports: marks runs failed whose jobs were dead-lettered',
      memorySizeMb: 512,
      timeout: deadLetterHandlerTimeout,
      // Plain JavaScript and AWS SDK calls: Graviton is cheaper for the same work.
      architecture: Architecture.ARM_64,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'openstack-reports-dead-letter' },
      logLevel: props.logLevel,
      logRetention: props.logRetention,
    });
    this.deadLetterHandler.function.addEventSource(new SqsEventSource(props.deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }));
    acknowledgeEventSourceDestination(
      this.deadLetterHandler.function,
      'a dead letter that cannot be processed stays in the dead-letter queue for its 14-day retention and raises the queue-depth alarm',
    );
  }
}

/** Chromium's brotli archives, which esbuild cannot bundle, the report assets (fonts, logo) and template files, if any. */
function workerBundleCopies(): BundleCopy[] {
  // Resolved rather than assumed at node_modules/@sparticuz/chromium, in case npm nests it.
  const chromiumPackage = dirname(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')));
  const chromiumBin = join(chromiumPackage, 'bin');
  requirePath(join(chromiumBin, 'chromium.br'), 'The Chromium archive of @sparticuz/chromium');
  const copies: BundleCopy[] = [{ from: chromiumBin, to: basename(chromiumBinDir) }];

  // Fonts and the logo: reports embed them, so the PDF never depends on the host (src/presentation/assets.ts finds ./assets).
  copies.push({ from: requirePath(join(repoRoot, 'assets'), 'The report assets folder'), to: 'assets', skipCode: true });

  const templates = join(repoRoot, 'templates');
  if (hasNonCodeFiles(templates)) copies.push({ from: templates, to: basename(templatesDir), skipCode: true });
  return copies;
}

/** True when a folder holds files other than sources esbuild compiles (templates may be pure TSX). */
function hasNonCodeFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile() && !isCode(e.name));
}

function acknowledgeEventSourceDestination(fn: LambdaFunction, why: string): void {
  acknowledge(fn, 'Serverless-LambdaEventSourceMappingDestination', `SQS event sources do not support on-failure destinations; ${why}.`);
}
