import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssetHashType, DockerImage, Duration, Size, type ILocalBundling, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { lambdaBuildOptions, repoRoot } from '../bundling/lambda-bundle';
import { acknowledge } from '../compliance';
import type { LogLevelName } from '../settings';

export { repoRoot };

/**
 * The one runtime all functions use. nodejs22.x is what the project and @sparticuz/chromium are tested on;
 * moving to a newer runtime is a deliberate change, not something a CDK upgrade should do silently.
 */
export const functionRuntime = Runtime.NODEJS_22_X;

/** A file tree copied next to `index.mjs`, i.e. below `/var/task`. */
export interface BundleCopy {
  /** Absolute source path. */
  readonly from: string;
  /** Folder name inside the bundle (`chromium-bin` → `/var/task/chromium-bin`). */
  readonly to: string;
  /** Leave TypeScript/JSX sources out: esbuild has already compiled them into the bundle. */
  readonly skipCode?: boolean;
}

/** Properties of {@link EsmFunction}. */
export interface EsmFunctionProps {
  /** Entry file, relative to the repository root (e.g. `src/wiring/aws/api-handler.ts`) or absolute. */
  readonly entry: string;
  readonly description: string;
  readonly memorySizeMb: number;
  readonly timeout: Duration;
  readonly architecture: Architecture;
  readonly environment: Readonly<Record<string, string>>;
  readonly logLevel: LogLevelName;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly ephemeralStorage?: Size;
  /** Extra files the code reads at run time. */
  readonly copyIntoBundle?: readonly BundleCopy[];
}

/**
 * A Lambda function bundled locally by esbuild into ESM (`index.mjs` and the chunks it imports; no
 * Docker, no npm install, so `cdk synth` works offline), with its own role, a log group with
 * retention, JSON logs and X-Ray tracing.
 */
export class EsmFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: EsmFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may create log groups and write
    // to any of them; this one may only write to the group above.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: bundledCode(props.entry, props.copyIntoBundle ?? []),
      handler: 'index.handler',
      description: props.description,
      runtime: functionRuntime,
      architecture: props.architecture,
      memorySize: props.memorySizeMb,
      timeout: props.timeout,
      ephemeralStorageSize: props.ephemeralStorage,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Lambda drops application logs below this level before Powertools' own filter sees them.
      applicationLogLevelV2: ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: SystemLogLevel.INFO,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment },
    });

    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; the role has no other statement on "*" (asserted in test/infra).',
    );
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      acknowledge(this.function, id, `Pinned to ${functionRuntime.name}, the runtime the code and @sparticuz/chromium are tested on; upgraded deliberately.`);
    }
    acknowledge(
      this.function,
      'Serverless-LambdaDLQ',
      'Never invoked asynchronously (API Gateway calls it synchronously, SQS through an event source mapping whose failures the redrive policy dead-letters), so an async dead-letter queue would never receive anything.',
    );
  }
}

/**
 * The function's package, bundled here by esbuild when the CDK stages it (no Docker, no npm install,
 * so `cdk synth` works offline). Hashed by that output, so an unchanged bundle is not uploaded again.
 */
function bundledCode(entry: string, copies: readonly BundleCopy[]): Code {
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    // Never pulled: local bundling always succeeds or throws.
    bundling: { image: DockerImage.fromRegistry('dummy'), local: new EsbuildBundling(resolve(repoRoot, entry), copies) },
  });
}

/**
 * Bundles one entry with infra/bundling/lambda-bundle.ts's options, then copies the extra files beside
 * it. Its fields are part of the CDK's staging cache key: each function gets its own bundle.
 */
class EsbuildBundling implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly copies: readonly BundleCopy[],
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync(lambdaBuildOptions(this.entry, outputDir));
    for (const c of this.copies) {
      // Sources are already compiled into the bundle; shipping them again would only grow the package.
      cpSync(c.from, join(outputDir, c.to), { recursive: true, filter: (path) => !c.skipCode || !isCode(path) });
    }
    return true;
  }
}

/** Sources esbuild compiles into the bundle, which copies with `skipCode` leave out. */
export function isCode(fileName: string): boolean {
  return /\.(?:[cm]?tsx?|jsx)$/.test(fileName);
}

/** Fails synthesis early, naming the path, when something to be packaged is missing. */
export function requirePath(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}; run npm ci first`);
  return path;
}
