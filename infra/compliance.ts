import { Stack, Validations, type Stage } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import { Construct, type IConstruct } from 'constructs';

/**
 * Registers the cdk-nag AwsSolutions and Serverless packs on an app (cdk-nag v3: CDK policy-validation
 * plugins). Any unacknowledged finding, error or warning, fails synthesis. Returns the packs so tests can
 * run `validateScope` on the same rules.
 */
export function addComplianceChecks(app: Stage): NagPack[] {
  const packs = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  Validations.of(app).addPlugins(...packs);
  return packs;
}

/** Acknowledges one cdk-nag rule on a construct and everything under it, with the reason kept beside it. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges `AwsSolutions-IAM5` for exactly the wildcard resources a grant adds to a grantee's policy.
 * cdk-nag v3 names each finding after the flattened resource (`Resource::<Logical.Arn>/index/*`), so the
 * acknowledgment covers these resources only: any other wildcard on the same role still fails synthesis.
 */
export function acknowledgeWildcardResources(grantee: IGrantable, resources: readonly string[], reason: string): void {
  const principal = grantee.grantPrincipal;
  // Imported roles have no policy in this stack, hence nothing to acknowledge.
  if (!Construct.isConstruct(principal)) return;
  const stack = Stack.of(principal);
  for (const resource of resources) {
    acknowledge(principal, `AwsSolutions-IAM5[Resource::${flattenReference(stack.resolve(resource))}]`, reason);
  }
}

/** The same flattening cdk-nag applies to a CloudFormation reference before naming a finding. */
function flattenReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (o['Fn::Join']) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flattenReference).join(delimiter);
    }
    if (o['Fn::Sub']) return flattenReference(o['Fn::Sub']);
    if (o['Fn::GetAtt']) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
    }
    if (o['Fn::ImportValue']) return flattenReference(o['Fn::ImportValue']);
    if (o.Ref) return `<${flattenReference(o.Ref)}>`;
  }
  return JSON.stringify(node);
}
