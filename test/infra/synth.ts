import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addComplianceChecks } from '../../infra/compliance';
import { repoRoot } from '../../infra/constructs/esm-function';
import { readSettings } from '../../infra/settings';
import { OpenStackReportsStack } from '../../infra/stack';

/** The `context` block of cdk.json, which `cdk synth` passes to the app and `new App()` in a test does not. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context;
}

/** A stand-in for the built console (dist/console/), so infra tests do not depend on the console's build. */
export const consoleFixtureDir = join(repoRoot, 'test/infra/console-fixture');

/** A synthesized stack and what tests inspect. */
export interface Synthesized {
  readonly app: App;
  readonly stack: OpenStackReportsStack;
  readonly template: Template;
  readonly packs: NagPack[];
  readonly outdir: string;
  readonly cleanup: () => void;
}

/**
 * Builds the app exactly as infra/app.ts does (cdk.json context + overrides, cdk-nag packs) into a temporary
 * cloud assembly. `bundle: false` skips esbuild (assets become placeholders), which keeps tests fast and
 * independent of the function code; the bundling test turns it on.
 */
export function synth(options: { context?: Record<string, unknown>; bundle?: boolean } = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'openstack-reports-cdk-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new OpenStackReportsStack(app, 'OpenStackReports', { settings: readSettings(app.node), consoleAssetsDir: consoleFixtureDir });
  const packs = addComplianceChecks(app);
  // Template.fromStack synthesizes the app, which runs the cdk-nag plugins: an unacknowledged finding throws here.
  const template = Template.fromStack(stack);
  return { app, stack, template, packs, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The CloudFormation logical id of an L2 construct's main resource. */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : (construct.node.defaultChild as CfnElement);
  return Stack.of(construct).getLogicalId(element);
}

/** A resource of the synthesized template by the construct that made it. */
export function resourceOf(s: Synthesized, construct: IConstruct): { Type: string; Properties: Record<string, unknown> } {
  return s.template.toJSON().Resources[logicalIdOf(construct)];
}

/** Every IAM policy statement in the template (inline role policies and AWS::IAM::Policy), with its owner's logical id. */
export function policyStatements(template: Template): Array<{ owner: string; roles: unknown; statement: PolicyStatementJson }> {
  const out: Array<{ owner: string; roles: unknown; statement: PolicyStatementJson }> = [];
  type Document = { PolicyDocument: { Statement: PolicyStatementJson[] } };
  type IamResource = { Type: string; Properties: Partial<Document> & { Roles?: unknown; Policies?: Document[] } };
  for (const [id, r] of Object.entries<IamResource>(template.toJSON().Resources)) {
    if ((r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') && r.Properties.PolicyDocument) {
      for (const statement of r.Properties.PolicyDocument.Statement) out.push({ owner: id, roles: r.Properties.Roles, statement });
    }
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of r.Properties.Policies ?? []) for (const statement of p.PolicyDocument.Statement) out.push({ owner: id, roles: [{ Ref: id }], statement });
    }
  }
  return out;
}

/**
 * The environment a function's code starts with on Lambda, runnable here: the template's variables
 * (values CloudFormation fills in at deploy time replaced by plausible stand-ins), a region, and logs
 * silenced. Importing a bundle with it runs the cold-start code (config parsing, client construction)
 * without calling AWS.
 */
export function lambdaEnvironment(s: Synthesized, fn: IConstruct): Record<string, string> {
  const variables = (resourceOf(s, fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  const env = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : placeholderFor(k)]));
  return {
    PATH: process.env.PATH ?? '',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    AWS_REGION: 'eu-west-1',
    POWERTOOLS_DEV: 'false',
    ...env,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}

/** Plausible stand-ins for values CloudFormation fills in at deploy time. */
function placeholderFor(name: string): string {
  if (name.endsWith('_URL')) return name.startsWith('JOBS_QUEUE') ? 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' : 'https://api.example.com';
  if (name.endsWith('_ARN')) return `arn:aws:sqs:eu-west-1:123456789012:${name.toLowerCase()}`;
  return `placeholder-${name.toLowerCase()}`;
}

/** A policy statement as CloudFormation holds it. */
export interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Always an array, as IAM allows a single string or a list. */
export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A CloudFormation value as readable text: `{Ref:Id}` and `{Id.Attribute}` stand for what CloudFormation
 * fills in, joins are joined. For asserting on strings assembled from deploy-time values (URLs, policies).
 */
export function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const o = (value ?? {}) as Record<string, unknown>;
  if (typeof o.Ref === 'string') return `{Ref:${o.Ref}}`;
  if (Array.isArray(o['Fn::GetAtt'])) return `{${(o['Fn::GetAtt'] as string[]).join('.')}}`;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map(cfnText).join(delimiter);
  }
  // `${AWS::Region}` in a substitution is the same reference as `{ Ref: 'AWS::Region' }`.
  if (typeof o['Fn::Sub'] === 'string') return o['Fn::Sub'].replace(/\$\{([^}]+)\}/g, '{Ref:$1}');
  throw new Error(`cfnText: cannot render ${JSON.stringify(value)}`);
}

/**
 * The console's `config.json` as the stack deploys it: read from the staged asset, with the markers that
 * BucketDeployment replaces at deploy time rendered by {@link cfnText}. Also the deployment's properties.
 */
export function deployedConsoleConfig(s: Synthesized): { config: unknown; deployment: Record<string, unknown>; filesDir: string } {
  const deployments = Object.values(s.template.findResources('Custom::CDKBucketDeployment'));
  if (deployments.length !== 1) throw new Error(`expected one BucketDeployment, found ${deployments.length}`);
  const deployment = deployments[0].Properties as { SourceObjectKeys: string[]; SourceMarkers?: Array<Record<string, unknown>> };
  const staged = (key: string) => join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  const [files, config] = deployment.SourceObjectKeys;
  let text = readFileSync(join(staged(config!), 'config.json'), 'utf8');
  for (const [marker, value] of Object.entries(deployment.SourceMarkers?.[1] ?? {})) text = text.split(marker).join(cfnText(value));
  return { config: JSON.parse(text), deployment, filesDir: staged(files!) };
}

/** The console's Content-Security-Policy, directive → sources, deploy-time values rendered by {@link cfnText}. */
export function consoleCsp(s: Synthesized): Record<string, string[]> {
  const headers = resourceOf(s, s.stack.console!.responseHeadersPolicy).Properties.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
  };
  return Object.fromEntries(
    cfnText(headers.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}
