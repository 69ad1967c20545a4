import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Size, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../compliance';
import type { LogLevelName } from '../settings';

/** Root of the repository: entries, the lock file and `node_modules` are resolved from here. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

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
 * A Lambda function bundled locally by esbuild into a single ESM file (no Docker, no npm install, so
 * `cdk synth` works offline), with its own role, a log group with retention, JSON logs and X-Ray tracing.
 */
export class EsmFunction extends Construct {
  readonly function: NodejsFunction;
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

    const copies = props.copyIntoBundle ?? [];
    const copyScript = join(repoRoot, 'infra/bundling/copy-into-bundle.mjs');

    this.function = new NodejsFunction(this, 'Function', {
      entry: resolve(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
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
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Everything, the AWS SDK included, is bundled: the deployed code is exactly what package-lock.json says.
        externalModules: [],
        // CommonJS dependencies call require(); ESM output has no such global unless the banner makes one.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        tsconfig: join(repoRoot, 'tsconfig.json'),
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) =>
            copies.map((c) =>
              [process.execPath, copyScript, c.from, join(outputDir, c.to), ...(c.skipCode ? ['--skip-code'] : [])].map((arg) => JSON.stringify(arg)).join(' '),
            ),
        },
      },
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

/** Sources esbuild compiles into the bundle (and the copy script leaves out); mirrors copy-into-bundle.mjs. */
export function isCode(fileName: string): boolean {
  return /\.(?:[cm]?tsx?|jsx)$/.test(fileName);
}

/** Fails synthesis early, naming the path, when something to be packaged is missing. */
export function requirePath(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}; run npm ci first`);
  return path;
}
