import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { runsTableKeys } from '../../src/adapters/aws/dynamo-run-store';
import { acknowledgeWildcardResources } from '../compliance';

/**
 * What every bucket of the stack has in common: private, SSE-S3 (S3 log delivery writes only to
 * such buckets), TLS 1.2 or later only, no ACLs, kept when the stack is deleted. A bucket that
 * needs ACLs (CloudFront's standard logging) overrides `objectOwnership`.
 */
export const privateBucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies BucketProps;

/** Properties of {@link Storage}. */
export interface StorageProps {
  /** Days after which S3 deletes a report artifact. */
  readonly artifactRetentionDays: number;
  /** Days the S3 server access logs are kept. */
  readonly accessLogRetentionDays: number;
}

/**
 * Where state lives: the runs and schedules tables (DynamoDB, on demand, PITR) and the artifacts bucket
 * (private, TLS only, objects expire), plus the bucket receiving the artifacts bucket's access logs.
 * Exposes narrow grants; nothing outside this construct touches the resources' policies.
 */
export class Storage extends Construct {
  readonly runsTable: Table;
  readonly schedulesTable: Table;
  readonly artifactsBucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    const k = runsTableKeys;
    this.runsTable = newTable(this, 'RunsTable', k.ttlAttribute);
    for (const [indexName, partitionKey] of [
      [k.byOwner.index, k.byOwner.key],
      [k.byOwnerStatus.index, k.byOwnerStatus.key],
      [k.byCreated.index, k.byCreated.key],
      [k.byActiveStatus.index, k.byActiveStatus.key],
    ] as const) {
      this.runsTable.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: { name: k.sortAttribute, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.schedulesTable = newTable(this, 'SchedulesTable');
    this.schedulesTable.addGlobalSecondaryIndex({
      indexName: 'byOwner',
      partitionKey: { name: 'owner', type: AttributeType.STRING },
      sortKey: { name: 'createdKey', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...privateBucketProps,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays) }],
    });

    this.artifactsBucket = new Bucket(this, 'ArtifactsBucket', {
      ...privateBucketProps,
      // Artifacts are reproducible from the run's spec; versions would only keep expired reports around.
      versioned: false,
      lifecycleRules: [
        { id: 'expire-artifacts', expiration: Duration.days(props.artifactRetentionDays) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'artifacts/',
      autoDeleteObjects: false,
    });
  }

  /**
   * Lets pages of any origin read an artifact through its presigned URL: the web console previews a
   * report's HTML or PDF this way. The URL itself is the credential (no cookies are involved), so naming
   * the console's origin would protect nothing, and would tie this bucket to the CloudFront distribution
   * whose security headers already name this bucket.
   */
  allowPresignedReadsFromBrowsers(): void {
    this.artifactsBucket.addCorsRule({ allowedOrigins: ['*'], allowedMethods: [HttpMethods.GET, HttpMethods.HEAD], allowedHeaders: ['*'], maxAge: 3600 });
  }

  /** Item read/write on both tables and their indexes (API and worker). */
  grantTablesReadWrite(grantee: IGrantable): void {
    for (const table of [this.runsTable, this.schedulesTable]) {
      table.grantReadWriteData(grantee);
      acknowledgeWildcardResources(
        grantee,
        [`${table.tableArn}/index/*`],
        'Queries go through the table\'s own global secondary indexes; "index/*" is scoped to this one table.',
      );
    }
  }

  /** Item read/write on the runs table only (the dead-letter handler marks runs failed). */
  grantRunsReadWrite(grantee: IGrantable): void {
    this.runsTable.grantReadWriteData(grantee);
    acknowledgeWildcardResources(
      grantee,
      [`${this.runsTable.tableArn}/index/*`],
      'Queries go through the runs table\'s own global secondary indexes; "index/*" is scoped to this one table.',
    );
  }

  /** Read artifacts (presigned GET links are signed with these permissions) and list keys. */
  grantArtifactsRead(grantee: IGrantable): void {
    this.grantArtifacts(grantee, ['s3:GetObject']);
  }

  /** Write artifacts. */
  grantArtifactsWrite(grantee: IGrantable): void {
    this.grantArtifacts(grantee, ['s3:PutObject']);
  }

  /** Delete artifacts (deleting a run deletes its files). */
  grantArtifactsDelete(grantee: IGrantable): void {
    this.grantArtifacts(grantee, ['s3:DeleteObject']);
  }

  private grantArtifacts(grantee: IGrantable, objectActions: string[]): void {
    // Explicit actions rather than grantRead/grantPut/grantDelete, which hand out "s3:GetObject*", "s3:Abort*" and
    // "s3:DeleteObject*" (versions, tags, ACLs) the code never uses.
    const objects = this.artifactsBucket.arnForObjects('*');
    Grant.addToPrincipal({ grantee, actions: objectActions, resourceArns: [objects] });
    // Without ListBucket a missing key answers 403 instead of 404, and the code could not tell "gone" from "denied".
    Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [this.artifactsBucket.bucketArn] });
    acknowledgeWildcardResources(grantee, [objects], 'Artifact keys are generated per run; access is limited to objects of this one bucket.');
  }
}

function newTable(scope: Construct, id: string, timeToLiveAttribute?: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    timeToLiveAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
