import type { PassthroughBehavior } from '../../cfn/apigatewayv2.ts';
import type { VtlEngine } from '../../lang/vtl/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { Duplex } from 'node:stream';
import type { LocalLog } from '../shared/log.ts';
import type { UpgradeRequest } from './handshake.ts';
import type { ResponseHeaderLines } from './http-reply.ts';
import type { LocalService } from '../shared/service.ts';
import type { CustomDomainMapping } from './custom-domains.ts';
import type { RequestParameterMapping, RequiredRouteParameter } from '../shared/request-parameters.ts';

export type {
  RequestParameterMapping,
  RequestParameterSource,
  RequiredRouteParameter,
} from '../shared/request-parameters.ts';

/** Where a Lambda proxy route sends its event. */
export interface LambdaTarget {
  kind: 'lambda';
  functionArn: string;
  /** The integration's CredentialsArn: the role API Gateway calls with (IAM is the composition root's concern). */
  credentialsArn?: string;
}

/** An AWS service action called with the rendered request template (e.g. dynamodb PutItem). */
export interface AwsServiceTarget {
  kind: 'aws-service';
  service: string;
  action: string;
  /** The integration's CredentialsArn: the role API Gateway calls with (IAM is the composition root's concern). */
  credentialsArn?: string;
}

export interface ProxyIntegration {
  type: 'AWS_PROXY';
  target: LambdaTarget;
  /** The integration's TimeoutInMillis (50-29,000). @default limits.integrationTimeoutMs */
  timeoutMs?: number;
}

export interface ServiceIntegration {
  type: 'AWS';
  target: AwsServiceTarget;
  /** The integration's TimeoutInMillis (50-29,000). @default limits.integrationTimeoutMs */
  timeoutMs?: number;
  /** template key ('$default' or a selection value) -> VTL text */
  requestTemplates: Record<string, string>;
  /** e.g. '\$default' or '${request.body.action}'; absent = '$default' */
  templateSelectionExpression?: string;
  /** @default 'WHEN_NO_MATCH' */
  passthroughBehavior?: PassthroughBehavior;
  /** keys: '$default' or '/regex/' (full match on the backend status code) */
  integrationResponses: IntegrationResponseBinding[];
}

/** One integration response of a non-proxy integration: which statuses it takes, and how it transforms the body. */
export interface IntegrationResponseBinding {
  key: string;
  /** selection key ('$default' or a value of the selection expression) -> VTL text rendered on the backend's body */
  templates?: Record<string, string>;
  /** e.g. '\$default' or '${integration.response.statuscode}'; absent = '$default' */
  templateSelectionExpression?: string;
}

/**
 * API Gateway answers itself: the selected request template renders `{"statusCode": N}`, N picks the integration
 * response, and its response template (on an empty body) is the reply.
 */
export interface MockIntegration {
  type: 'MOCK';
  requestTemplates: Record<string, string>;
  templateSelectionExpression?: string;
  /** @default 'WHEN_NO_MATCH' */
  passthroughBehavior?: PassthroughBehavior;
  integrationResponses: IntegrationResponseBinding[];
  /** @default limits.integrationTimeoutMs (a mock never waits; kept for symmetry with the template) */
  timeoutMs?: number;
}

/**
 * An HTTP endpoint. HTTP_PROXY: the message (on `$connect` the handshake's headers) goes as it is, and the
 * backend's body comes back as it is. HTTP: the selected request template is the body, and the integration
 * responses (and their templates) handle the answer, as for `AWS`.
 */
export interface HttpIntegration {
  type: 'HTTP' | 'HTTP_PROXY';
  url: string;
  /** IntegrationMethod, e.g. POST */
  method: string;
  requestTemplates: Record<string, string>;
  templateSelectionExpression?: string;
  /** @default 'WHEN_NO_MATCH' */
  passthroughBehavior?: PassthroughBehavior;
  /** HTTP only: HTTP_PROXY has no integration responses */
  integrationResponses: IntegrationResponseBinding[];
  /** @default limits.integrationTimeoutMs */
  timeoutMs?: number;
  /** `RequestParameters`: headers and query string parameters the call gets (request-parameters.ts). @default none */
  requestParameters?: readonly RequestParameterMapping[];
}

export type Integration = ProxyIntegration | ServiceIntegration | MockIntegration | HttpIntegration;

/** Where a REQUEST authorizer reads one identity value; header names match case-insensitively, query names exactly. */
export interface AuthorizerIdentitySource {
  from: 'header' | 'querystring';
  name: string;
}

/** How `$connect` is protected (docs/aws-behaviour.md#apigw-authorizers); no other route can be. */
export type RouteAuthorization =
  | { type: 'NONE' }
  /** a syntactically complete SigV4 signature is required; it cannot be verified locally */
  | { type: 'AWS_IAM' }
  | { type: 'CUSTOM'; functionArn: string; identitySources: AuthorizerIdentitySource[] };

/** A usable API key of the stage, and its usage plan's limits (docs/aws-behaviour.md#apigw-api-keys). */
export interface ApiKeyGrant {
  /** the key's id (`$context.identity.apiKeyId`) */
  id: string;
  /** the key itself (`$context.identity.apiKey`) */
  value: string;
  /** the usage plan's `Throttle`: requests a second, and the bucket */
  throttle?: { rateLimit: number; burstLimit: number };
  /** the usage plan's `Quota`: requests (here: `$connect` requests) per UTC day, week or month */
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
}

/** Where `$connect` reads the API key and which keys count. */
export interface ApiKeyOptions {
  /** `HEADER`: `$request.header.x-api-key`; `AUTHORIZER`: `$context.authorizer.usageIdentifierKey`. @default 'HEADER' */
  source: 'HEADER' | 'AUTHORIZER';
  /** Keys that are enabled and in a usage plan covering this API's stage; any other key is refused. */
  keys: ApiKeyGrant[];
}

/** The API key a connection's `$connect` presented, when the route required one. */
export interface ConnectionApiKey {
  id: string;
  value: string;
}

/** What an accepted Lambda authorizer gave the connection; every later event of the connection carries it. */
export interface ConnectionAuthorizer {
  /** `principalId` and the policy's context, every value a string (`1` -> `"1"`, docs/aws-behaviour.md#apigw-authorizers) */
  values: Readonly<Record<string, string>>;
  /** milliseconds the authorizer took; Lambda events show it as `requestContext.authorizer.integrationLatency` */
  integrationLatency: number;
  /** the result's `usageIdentifierKey`: the API key with `ApiKeySelectionExpression: $context.authorizer.usageIdentifierKey` */
  usageIdentifierKey?: string;
}

/** A route's request validation: `ModelSelectionExpression` and a compiled model per `RequestModels` key. */
export interface RequestValidation {
  selectionExpression: string;
  /** key → validator: undefined when the value fits, else `$context.error.validationErrorString` */
  models: Record<string, (value: unknown) => string | undefined>;
}

export interface RouteBinding {
  routeKey: string;
  /** Message routes only: an invalid body gets the `Bad request body` frame, the integration is not called. */
  requestValidation?: RequestValidation;
  /** `ApiKeyRequired`: API Gateway checks API keys on `$connect` only (docs/aws-behaviour.md#apigw-api-keys). @default false */
  apiKeyRequired?: boolean;
  /** @default { type: 'NONE' } */
  authorization?: RouteAuthorization;
  /** two-way iff the route has a RouteResponse */
  hasRouteResponse: boolean;
  /**
   * The stage's throttle for this route (`DefaultRouteSettings`/`RouteSettings`): a token bucket of `burstLimit`
   * requests refilled at `rateLimit` a second; past it `$connect` is answered 429 and a message gets the
   * `Too Many Requests` frame, the integration not called. `$disconnect` is never throttled. @default not throttled
   */
  throttle?: { rateLimit: number; burstLimit: number };
  /**
   * `$connect` only: the route request parameters declared `Required: true`; a handshake without one is answered 400
   * after authorization, the integration not called (UNCONFIRMED, docs/aws-behaviour.md#apigw-request-parameters).
   * @default none
   */
  requiredParameters?: readonly RequiredRouteParameter[];
  integration: Integration;
}

export type EventType = 'connect' | 'message' | 'disconnect';

/** What the gateway knows about one request; the event builders turn it into a Lambda event. */
export interface EventInput {
  connectionId: string;
  connectedAt: number;
  requestTimeEpoch: number;
  requestId: string;
  messageId?: string;
  routeKey: string;
  stage: string;
  apiId: string;
  domainName: string;
  sourceIp: string;
  userAgent?: string;
  /** handshake headers as the client spelled them (only on connect; {} otherwise) */
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  /** handshake query string (only on connect; {} otherwise) */
  query: Record<string, string>;
  multiValueQuery: Record<string, string[]>;
  /** raw message text (message events only) */
  body?: string;
  disconnectStatusCode?: number;
  disconnectReason?: string;
  /** present on every event of a connection a Lambda authorizer accepted */
  authorizer?: ConnectionAuthorizer;
  /** the key `$connect` required and got: `identity.apiKey`/`apiKeyId` on every event of the connection */
  apiKey?: ConnectionApiKey;
}

export type LambdaInvokeResult =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string }
  | { kind: 'timeout' }
  /** Lambda refused to run it: the function's concurrency is used up (429 TooManyRequestsException) */
  | { kind: 'throttled' }
  /** never run (or cut short by `interruptWork`): the caller had gone, or its deadline had passed */
  | { kind: 'dropped'; reason: 'caller-gone' | 'deadline' | 'interrupted' };

/** What bounds a Lambda invocation before it starts. */
export interface LambdaInvokeLimits {
  /** epoch ms: the integration deadline, after which API Gateway no longer waits for it */
  deadline: number;
  /** aborted when the connection the invocation serves has closed (message routes) */
  signal?: AbortSignal;
}

export interface AwsServiceResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Everything outside the gateway, injected by the composition root. */
export interface Backends {
  /** `credentialsArn`: the integration's role (absent for authorizers and integrations without one). */
  invokeLambda(
    functionArn: string,
    event: unknown,
    limits: LambdaInvokeLimits,
    credentialsArn?: string,
  ): Promise<LambdaInvokeResult>;
  callAwsService(service: string, action: string, body: string, credentialsArn?: string): Promise<AwsServiceResponse>;
  buildEvent: Record<EventType, (input: EventInput) => unknown>;
  /**
   * Ends the Lambda work still running or waiting, at once. Called when `stop()` begins, before every connection is
   * closed, so `$disconnect` runs on fresh sandboxes instead of waiting behind busy (or looping) handlers.
   */
  interruptWork?(): void;
}

export interface GatewayLimits {
  /** largest client frame payload; bigger -> close 1009. @default 32768 */
  frameBytes: number;
  /** largest client message (and @connections POST body); bigger -> close 1009 / 413. @default 131072 */
  messageBytes: number;
  /** close 1001 after this long without client or server data. @default 600000 */
  idleTimeoutMs: number;
  /** close 1001 after this long connected. @default 7200000 */
  maxConnectionMs: number;
  /** backend calls slower than this count as an integration timeout. @default 29000 */
  integrationTimeoutMs: number;
  /** after a server-initiated close, wait this long for the client's close frame, then drop the socket. @default 1000 */
  closeGraceMs: number;
  /** `stop()` waits this long for `$disconnect` and other running work, then leaves what is still running. @default 5000 */
  stopGraceMs: number;
}

/** `$context` values of one finished request, by their access log names (`requestId`, `identity.sourceIp`, `status`, ...). */
export type AccessLogValues = Readonly<Record<string, string | number>>;

/**
 * What the gateway reports as it works, for the access log and the local console. Every hook is optional and called
 * synchronously on the message path: keep them cheap (a push into a ring, a buffered write).
 */
export interface GatewayObserver {
  /** A connect, message or disconnect request finished: the values its access log line reads. */
  request?(values: AccessLogValues): void;
  /** A text message from a client (`in`) or sent to it (`out`: replies, `@connections` posts, error frames). */
  message?(connectionId: string, direction: 'in' | 'out', text: string): void;
  opened?(connectionId: string): void;
  closed?(connectionId: string, code: number, reason: string): void;
}

/** An open connection as the local console shows it. */
export interface ConnectionSummary {
  id: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
  /** The handshake's headers and query string (last value of each name), as the client sent them. */
  headers: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
}

export interface ApiGatewayServiceOptions {
  /** @default 0 (ephemeral) */
  port?: number;
  stage: string;
  apiId: string;
  region: string;
  /** account in the authorizer's `methodArn`; @default DEFAULT_ACCOUNT_ID (local/shared/constants.ts) */
  accountId?: string;
  /** `$context.domainName`; @default '127.0.0.1:{port}' (reachable locally) */
  domainName?: string;
  /**
   * Custom domain names mapped to the stage: an upgrade or `@connections` request whose `Host` is one of them is
   * served under its mapping key, and `$context.domainName` is the custom domain. @default []
   */
  customDomains?: CustomDomainMapping[];
  /** e.g. '$request.body.action' */
  routeSelectionExpression: string;
  /** The stage's `StageVariables`: `$stageVariables` in VTL and `stageVariables` in authorizer events. @default {} */
  stageVariables?: Record<string, string>;
  routes: RouteBinding[];
  /** API keys for a `$connect` with `apiKeyRequired`. @default { source: 'HEADER', keys: [] } (every key refused) */
  apiKeys?: ApiKeyOptions;
  backends: Backends;
  vtl: VtlEngine;
  limits?: Partial<GatewayLimits>;
  /**
   * `@connections` requests a second (all methods, all connections) beyond which the API answers 429
   * `LimitExceededException`, as API Gateway does past its rate. @default undefined (no throttling)
   */
  connectionsRequestsPerSecond?: number;
  /** header and whole-request timeouts of the HTTP server (upgrades and @connections); @default 10 s and 30 s */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** diagnostics; @default stderr */
  log?: LocalLog;
  observer?: GatewayObserver;
  /**
   * Asked before each `@connections` POST/GET/DELETE is served (its Authorization header and method): undefined lets
   * it through, an answer is sent instead (IAM's 403 AccessDeniedException). @default every request is served
   */
  authorizeConnections?: ConnectionsAuthorizer;
}

export type ConnectionsAuthorizer = (
  authorization: string | undefined,
  method: string,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string } | undefined>;

export interface ApiGatewayService extends LocalService {
  /**
   * Closes every connection (1001 Going away, or `closeWith`: 1012 Service Restart when the stack restarts), runs
   * their `$disconnect` and stops listening.
   */
  stop(closeWith?: { code: number; reason: string }): Promise<void>;
  /** the listening port (0 before start) */
  readonly port: number;
  /** ids of open connections */
  connections(): string[];
  /** An open connection, or undefined. */
  describeConnection(id: string): ConnectionSummary | undefined;
  /**
   * Takes a WebSocket upgrade handed over in process (the local edge, when this API is its origin) exactly as if
   * it had arrived on the port: same checks, same `$connect`, the 101 or refusal written on `socket`, with
   * `extraHeaders` (`Name: value` lines) added to it.
   */
  acceptUpgrade(request: UpgradeRequest, socket: Duplex, head: Buffer, extraHeaders: ResponseHeaderLines): void;
}
