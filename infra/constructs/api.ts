import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type CorsPreflightOptions,
  type HttpRoute,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type IUserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../compliance';
import type { LogLevelName } from '../settings';
import { join } from 'node:path';
import { requestIdHeader } from '../../src/handlers/api/request-id';
import { swaggerUiDistFiles } from '../../src/handlers/api/routes/docs-files';
import { lambdaEntries } from '../bundling/lambda-bundle';
import { EsmFunction, repoRoot, requirePath } from './esm-function';

/** Identifier of the Cognito resource server; tokens carry scopes as `openstack-reports/reports:read`. */
export const resourceServerIdentifier = 'openstack-reports';
/** Scopes the API understands (src/domain/caller.ts takes them bare or behind this identifier, given as AUTH_SCOPE_PREFIX). */
export const apiScopes = ['reports:read', 'reports:write', 'schedules:read', 'schedules:write', 'admin'] as const;
/** Routes served without a token: health, the OpenAPI document and its viewer. */
export const publicRoutes = ['/v1/health', '/v1/openapi.json', '/v1/docs', '/v1/docs/{proxy+}'] as const;

/** Properties of {@link Api}. */
export interface ApiProps {
  readonly environment: Readonly<Record<string, string>>;
  /** External OIDC issuer; empty: a Cognito user pool is created and trusted. */
  readonly jwtIssuer: string;
  readonly jwtAudience: readonly string[];
  readonly corsAllowOrigins: readonly string[];
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Base URL for links; empty: the execute-api endpoint. */
  readonly publicBaseUrl: string;
  /** Cognito hosted-domain prefix; empty: derived from stack name and account. */
  readonly cognitoDomainPrefix: string;
  readonly logLevel: LogLevelName;
  readonly logRetention: RetentionDays;
}

/** The Cognito resources created when no external issuer is configured. */
export interface ApiUserPool {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** OAuth2 token endpoint for the client-credentials grant. */
  readonly tokenUrl: string;
  /** The pool's issuer (`iss` of its tokens), as the authorizer trusts it. */
  readonly issuer: string;
  /** The resource server issuing the API's scopes, and those scopes by name. */
  readonly resourceServer: UserPoolResourceServer;
  readonly scopes: ReadonlyMap<string, ResourceServerScope>;
}

/**
 * The HTTP API: one Lambda (the Hono app) behind API Gateway HTTP API with a JWT authorizer on
 * `ANY /v1/{proxy+}`, the public documentation and health routes, stage throttling, CORS and JSON access logs.
 */
export class Api extends Construct {
  readonly handler: EsmFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Base URL clients and links use (no trailing slash). */
  readonly baseUrl: string;
  readonly cognito?: ApiUserPool;
  /** Client ids the Cognito authorizer accepts as audience; the console's client joins later. */
  private readonly userPoolClientIds: string[] = [];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.handler = new EsmFunction(this, 'Handler', {
      entry: lambdaEntries.api,
      description: 'openstack-reports HTTP API',
      memorySizeMb: 1024,
      // API Gateway gives up on an integration after 30 s; finishing earlier lets the app answer with a problem.
      timeout: Duration.seconds(29),
      // Plain JavaScript and AWS SDK calls: Graviton is cheaper for the same work.
      architecture: Architecture.ARM_64,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'openstack-reports-api' },
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      // Swagger UI is served from the package, never from a CDN.
      copyIntoBundle: swaggerUiDistFiles.map((f) => ({
        from: requirePath(join(repoRoot, 'node_modules/swagger-ui-dist', f), 'swagger-ui-dist'),
        to: `swagger-ui-dist/${f}`,
      })),
    });

    let authorizer: IHttpRouteAuthorizer;
    if (props.jwtIssuer) {
      authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer, { jwtAudience: [...props.jwtAudience] });
    } else {
      this.cognito = this.createUserPool(props.cognitoDomainPrefix);
      this.userPoolClientIds.push(this.cognito.client.userPoolClientId);
      // What HttpUserPoolAuthorizer builds (issuer: the pool; audience: client ids, as access tokens carry client_id),
      // except that the audience is read at synthesis: the console's client needs the CloudFront domain, made after this.
      authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', this.cognito.issuer, {
        jwtAudience: Lazy.list({ produce: () => this.userPoolClientIds }),
      });
    }

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: stack.stackName,
      description: 'openstack-reports: OpenStack inventory, usage and cost reports',
      corsPreflight: corsOptions(props.corsAllowOrigins),
      // The stage below is created by hand: the implicit default stage takes neither throttling nor access logs.
      createDefaultStage: false,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: accessLogFormat() },
    });

    const integration = new HttpLambdaIntegration('Lambda', this.handler.function);
    this.httpApi.addRoutes({ path: '/v1/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    for (const path of publicRoutes) {
      // More specific than /v1/{proxy+}, so API Gateway picks these and skips the authorizer.
      for (const route of this.httpApi.addRoutes({ path, methods: [HttpMethod.GET], integration })) {
        acknowledgePublicRoute(route);
      }
    }

    this.baseUrl = props.publicBaseUrl || this.httpApi.apiEndpoint;
    this.handler.function.addEnvironment('PUBLIC_BASE_URL', this.baseUrl);
  }

  /** Lets the JWT authorizer accept access tokens issued to another client of the created user pool. */
  trustUserPoolClient(client: IUserPoolClient): void {
    if (!this.cognito) throw new Error('Api.trustUserPoolClient: this API trusts an external issuer, not a created user pool');
    this.userPoolClientIds.push(client.userPoolClientId);
  }

  private createUserPool(domainPrefix: string): ApiUserPool {
    const stack = Stack.of(this);
    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      // Machine clients and the console's hosted-UI sign-in: the Lite plan has both (classic hosted UI, TOTP MFA).
      featurePlan: FeaturePlan.LITE,
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
    });
    acknowledge(
      userPool,
      'AwsSolutions-COG8',
      "Users exist only when an administrator creates them (no self sign-up) and must use TOTP MFA; the Plus plan's threat protection is billed per monthly active user, a cost the console's few operators do not justify by default.",
    );

    const scopes = apiScopes.map((name) => new ResourceServerScope({ scopeName: name, scopeDescription: `openstack-reports ${name}` }));
    const resourceServer = userPool.addResourceServer('ResourceServer', { identifier: resourceServerIdentifier, scopes });
    const domain = userPool.addDomain('Domain', {
      // Hosted domains are global per region: the account id keeps two deployments from colliding.
      cognitoDomain: { domainPrefix: domainPrefix || `${stack.stackName.toLowerCase()}-${stack.account}` },
    });
    const client = userPool.addClient('Client', {
      generateSecret: true,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { clientCredentials: true },
        callbackUrls: [],
        // Least privilege for the default client: "admin" (every owner's runs) is for a client created on purpose.
        scopes: scopes.filter((s) => s.scopeName !== 'admin').map((s) => OAuthScope.resourceServer(resourceServer, s)),
      },
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    return {
      userPool,
      client,
      domain,
      tokenUrl: `${domain.baseUrl()}/oauth2/token`,
      issuer: `https://cognito-idp.${stack.region}.amazonaws.com/${userPool.userPoolId}`,
      resourceServer,
      scopes: new Map(scopes.map((s) => [s.scopeName, s])),
    };
  }
}

function corsOptions(origins: readonly string[]): CorsPreflightOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    allowOrigins: [...origins],
    allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    exposeHeaders: ['location', 'retry-after', 'idempotent-replayed', requestIdHeader],
    // Bearer tokens, not cookies: no credentials mode needed.
    allowCredentials: false,
    maxAge: Duration.hours(1),
  };
}

/** One JSON object per request (Logs Insights parses it without a pattern). */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      subject: '$context.authorizer.claims.sub',
    }),
  );
}

function acknowledgePublicRoute(route: HttpRoute): void {
  acknowledge(
    route,
    'AwsSolutions-APIG4',
    'Deliberately public: health check, OpenAPI document and its viewer carry no data; every other /v1 route requires a JWT.',
  );
}
