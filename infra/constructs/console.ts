import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider } from 'aws-cdk-lib/aws-cognito';
import { type Policy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ObjectOwnership, type IBucket, Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResources } from '../compliance';
import type { ConsoleConfig as ConsoleFileConfig, OidcAuth } from '../../console/src/config';
import { consoleContentSecurityPolicy } from '../../src/wiring/local/console-site';
import { resourceServerIdentifier, type ApiUserPool } from './api';
import { privateBucketProps } from './storage';

/** Where the identity provider sends the browser back with the authorization code (a route of the console). */
export const consoleRedirectPath = '/callback';

/** `dir` if it holds a built console (its `index.html`); otherwise an error that says how to build it. */
export function builtConsoleDir(dir: string): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`The web console is not built (${join(dir, 'index.html')} is missing): run npm run build`);
  }
  return dir;
}

/** How the console signs in: a client the stack creates in its Cognito user pool, or one registered at an external issuer. */
export type ConsoleSignIn =
  | {
      readonly kind: 'cognito';
      readonly userPool: ApiUserPool;
      /** API scopes the console's client may be granted and asks for (besides `openid`). */
      readonly scopes: readonly string[];
    }
  | {
      readonly kind: 'external';
      readonly issuer: string;
      readonly clientId: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly scopes: readonly string[];
    };

/** Properties of {@link Console}. */
export interface ConsoleProps {
  /** Directory of the built console (`dist/console/`, written by scripts/build.mjs). */
  readonly assetsDir: string;
  /** The HTTP API that CloudFront serves under `/v1/*` beside the console. */
  readonly httpApi: IHttpApi;
  /** Bucket the report artifacts live in: the console reads them through presigned URLs. */
  readonly artifactsBucket: IBucket;
  /** Bucket receiving S3 server access logs (Storage's). */
  readonly accessLogsBucket: IBucket;
  /** Days the CloudFront access logs are kept. */
  readonly accessLogRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly signIn: ConsoleSignIn;
  /** Own host name and its ACM certificate (us-east-1); absent: the distribution's `*.cloudfront.net` name. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** The console's `config.json` as the stack writes it: the type console/src/config.ts reads, signing in with OpenID Connect. */
export type ConsoleConfig = ConsoleFileConfig & { readonly auth: OidcAuth };

/**
 * The web console on AWS: its files in a private bucket, served by CloudFront through origin access
 * control with a strict Content-Security-Policy, and the HTTP API routed under `/v1/*` of the same
 * origin (so the console needs no CORS). `config.json` tells the console how to sign in: authorization
 * code with PKCE, at a public client of the stack's Cognito user pool (created here) or of an external issuer.
 */
export class Console extends Construct {
  readonly bucket: Bucket;
  readonly logsBucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly deployment: BucketDeployment;
  /** BucketDeployment's copy function (a singleton at the stack's root) and the role it runs with. */
  readonly deploymentFunction: LambdaFunction;
  readonly deploymentRole: Role;
  /** `https://<consoleDomainName>` or `https://<distribution domain>`, no trailing slash. */
  readonly url: string;
  /** The Cognito client the console signs in with (only with the created user pool). */
  readonly userPoolClient?: UserPoolClient;
  /** What `config.json` holds, deploy-time values as tokens. */
  readonly config: ConsoleConfig;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'Bucket', {
      ...privateBucketProps,
      // Rebuilt from dist/console on every deployment: nothing here needs keeping.
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'console/',
    });

    this.logsBucket = new Bucket(this, 'CloudFrontLogsBucket', {
      ...privateBucketProps,
      // CloudFront's standard logging writes with an ACL (it grants the awslogsdelivery account), so ACLs stay on.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays) }],
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'console-cloudfront-logs/',
    });

    const auth = authEndpoints(props.signIn);
    // The bucket's regional endpoint: presigned URLs the SDK signs are virtual-hosted on it.
    const artifactsOrigin = `https://${props.artifactsBucket.bucketRegionalDomainName}`;
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'openstack-reports console: strict CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy({
            connect: [auth.cspSources.tokenOrigin, artifactsOrigin],
            formAction: [auth.cspSources.authorizationOrigin],
          }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    // The API answers JSON (and Swagger UI, which sets its own policy): transport headers only, its own headers win.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'openstack-reports API behind the console: HSTS, no sniffing',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: false },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
    });

    const spaRoutes = new CloudFrontFunction(this, 'SpaRoutes', {
      comment: 'Client routes (paths without a file extension) get the console page',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRoutesFunctionCode),
    });

    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${stack.stackName} web console`,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: spaRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // The API on the console's own origin. Caching off, so the AllViewer policy may forward Authorization.
        '/v1/*': {
          origin: apiOrigin,
          // A redirect would have sent the bearer token in the clear first; plain HTTP is refused instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // API Gateway routes by its own Host header: every viewer header but Host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          compress: true,
        },
      },
      // No errorResponses: they apply to every behaviour, and would turn the API's 403/404 problems into the page.
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Operators may sign in from anywhere; the console is static files and every /v1 route but health and docs requires a JWT. Add geoRestriction to the Distribution to narrow it.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      "The API stage is throttled and requires a JWT; a web ACL (from USD 5 a month plus rules) is left to deployments that want one: set the Distribution's webAclId to a CLOUDFRONT-scoped WAFv2 web ACL.",
    );
    if (!props.customDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without consoleDomainName the distribution uses its *.cloudfront.net certificate, whose security policy CloudFront fixes (it still offers TLSv1 to old clients; browsers negotiate TLS 1.2 or 1.3). With consoleDomainName the minimum is TLSv1.2_2021.',
      );
    }

    if (props.signIn.kind === 'cognito') {
      this.userPoolClient = this.createUserPoolClient(props.signIn.userPool, props.signIn.scopes);
    }
    const clientId = this.userPoolClient?.userPoolClientId ?? (props.signIn.kind === 'external' ? props.signIn.clientId : '');

    this.config = {
      // Empty: the API is this origin's /v1/*.
      apiBaseUrl: '',
      auth: {
        mode: 'oidc',
        issuer: auth.issuer,
        clientId,
        authorizationEndpoint: auth.authorizationEndpoint,
        tokenEndpoint: auth.tokenEndpoint,
        ...(auth.logoutEndpoint ? { logoutEndpoint: auth.logoutEndpoint } : {}),
        scopes: ['openid', ...auth.scopes],
        redirectPath: consoleRedirectPath,
      },
    };

    const deploymentLogs = new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const deploymentRole = (this.deploymentRole = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the console files and config.json into the console bucket',
    }));
    deploymentLogs.grantWrite(deploymentRole);
    this.deployment = new BucketDeployment(this, 'Files', {
      destinationBucket: this.bucket,
      // config.json last, so it wins over any file of that name in the build.
      sources: [Source.asset(props.assetsDir), Source.jsonData('config.json', this.config)],
      // Revalidated on every load (ETag): a deployment shows at once, without an invalidation (which IAM grants only on "*").
      cacheControl: [CacheControl.noCache()],
      prune: true,
      memoryLimit: 512,
      logGroup: deploymentLogs,
      role: deploymentRole,
    });
    acknowledgeDeploymentGrants(deploymentRole);
    this.deploymentFunction = acknowledgeDeploymentFunction(deploymentRole);
  }

  private createUserPoolClient(pool: ApiUserPool, scopes: readonly string[]): UserPoolClient {
    const resourceScopes = scopes.map((name) => {
      const scope = pool.scopes.get(name);
      if (!scope) throw new Error(`Console: the user pool's resource server has no scope "${name}"`);
      return OAuthScope.resourceServer(pool.resourceServer, scope);
    });
    return new UserPoolClient(this, 'UserPoolClient', {
      userPool: pool.userPool,
      // A browser cannot keep a secret: a public client, whose code exchange the console binds with PKCE (S256).
      generateSecret: false,
      // No direct sign-in API flows (SRP, password): only the hosted UI, and refreshing what it issued.
      authFlows: { userSrp: false },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: [`${this.url}${consoleRedirectPath}`],
        logoutUrls: [`${this.url}/`],
        scopes: [OAuthScope.OPENID, ...resourceScopes],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day: the console keeps tokens in the tab's memory and session storage only.
      refreshTokenValidity: Duration.hours(8),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }
}

/** The issuer's endpoints the console talks to, and the origins its CSP must allow for them. */
function authEndpoints(signIn: ConsoleSignIn): {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  logoutEndpoint?: string;
  scopes: string[];
  cspSources: { tokenOrigin: string; authorizationOrigin: string };
} {
  if (signIn.kind === 'cognito') {
    const { issuer, domain } = signIn.userPool;
    const base = domain.baseUrl();
    return {
      issuer,
      authorizationEndpoint: `${base}/oauth2/authorize`,
      tokenEndpoint: `${base}/oauth2/token`,
      logoutEndpoint: `${base}/logout`,
      // Cognito grants resource-server scopes by their full name.
      scopes: signIn.scopes.map((s) => `${resourceServerIdentifier}/${s}`),
      cspSources: { tokenOrigin: base, authorizationOrigin: base },
    };
  }
  return {
    issuer: signIn.issuer,
    authorizationEndpoint: signIn.authorizationEndpoint,
    tokenEndpoint: signIn.tokenEndpoint,
    scopes: [...signIn.scopes],
    cspSources: { tokenOrigin: new URL(signIn.tokenEndpoint).origin, authorizationOrigin: new URL(signIn.authorizationEndpoint).origin },
  };
}

/**
 * CloudFront Function (cloudfront-js-2.0) on viewer requests to the bucket: a path whose last segment
 * has no file extension (`/`, `/callback`, a client route) is answered with `/index.html`; files are
 * served as they are, and a missing one stays an error. It runs only on the default behaviour, never on `/v1/*`.
 */
export const spaRoutesFunctionCode = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * Acknowledges the wildcards BucketDeployment grants its role (CDK's grantRead on the assets bucket and
 * grantReadWrite on the console bucket), each by name: a wildcard granted any other way still fails synthesis.
 */
function acknowledgeDeploymentGrants(role: Role): void {
  const policy = role.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  const statements = (policy?.document.toJSON()?.Statement ?? []) as Array<{ Action: string | string[]; Resource: string | string[] }>;
  const reason =
    "Granted by BucketDeployment to the role of its copy function: read of the CDK assets bucket's objects, and read, write and delete of the console bucket's objects, which it copies and prunes on each deployment.";
  for (const statement of statements) {
    for (const action of [statement.Action].flat().filter((a) => a.includes('*'))) acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, reason);
    acknowledgeWildcardResources(
      role,
      [statement.Resource].flat().filter((r) => JSON.stringify(Stack.of(role).resolve(r)).includes('*')),
      reason,
    );
  }
}

/** The findings on BucketDeployment's copy function: CDK's own code, which CloudFormation runs once per deployment. */
function acknowledgeDeploymentFunction(role: Role): LambdaFunction {
  // A singleton at the stack's root; ours is the one running with this role.
  const fn = Stack.of(role).node.children.find((c): c is LambdaFunction => c instanceof LambdaFunction && c.role === role);
  if (!fn) throw new Error("Console: BucketDeployment's function was not found beside the stack's root");
  const runtime = "Its runtime is BucketDeployment's choice, which aws-cdk-lib moves forward with its releases.";
  acknowledge(fn, 'AwsSolutions-L1', runtime);
  acknowledge(fn, 'Serverless-LambdaLatestVersion', runtime);
  acknowledge(
    fn,
    'Serverless-LambdaDLQ',
    'CloudFormation waits for its answer: a failed copy fails (and rolls back) the deployment, where it is seen; a dead-letter queue would hold nothing to act on.',
  );
  acknowledge(fn, 'Serverless-LambdaTracing', 'One copy per deployment, recorded in its own log group; there is no request path to trace.');
  return fn;
}
