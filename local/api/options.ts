import { ACCOUNT_ID_PATTERN, DEFAULT_ACCOUNT_ID } from '../shared/constants.ts';
import { type LocalLog, stderrLog } from '../shared/log.ts';
import { collectOptionProblems, isPort, PORT_RULE } from '../shared/options.ts';
import { checkHttpTimeouts, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from '../shared/client-error.ts';
import { authorizationProblems } from './authorizer-options.ts';
import { apiKeyProblems } from './api-key-options.ts';
import type { CustomDomainMapping } from './custom-domains.ts';
import type { ApiGatewayServiceOptions, ApiKeyOptions, GatewayLimits, RouteBinding } from './types.ts';

const DEFAULT_LIMITS: GatewayLimits = {
  frameBytes: 32768,
  messageBytes: 131072,
  idleTimeoutMs: 600000,
  maxConnectionMs: 7200000,
  integrationTimeoutMs: 29000,
  closeGraceMs: 1000,
  stopGraceMs: 5000,
};

export interface ResolvedOptions {
  port: number;
  stage: string;
  apiId: string;
  region: string;
  accountId: string;
  domainName: string | undefined;
  customDomains: readonly CustomDomainMapping[];
  routeSelectionExpression: string;
  stageVariables: Readonly<Record<string, string>>;
  routes: ReadonlyMap<string, RouteBinding>;
  apiKeys: ApiKeyOptions;
  limits: GatewayLimits;
  connectionsRequestsPerSecond: number | undefined;
  httpTimeouts: HttpTimeouts;
  log: LocalLog;
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const INTEGRATION_RESPONSE_KEY = /^(\$default|\/.+\/)$/;

/** Validates every option up front and collects all problems into one error. */
export function resolveOptions(options: ApiGatewayServiceOptions): ResolvedOptions {
  const problems = collectOptionProblems('createApiGatewayService');
  const port = options.port ?? 0;
  if (!isPort(port)) problems.add('port', port, PORT_RULE);
  if (typeof options.stage !== 'string' || !STAGE_NAME.test(options.stage)) {
    problems.add('stage', options.stage, 'must be 1-128 characters of A-Z a-z 0-9 - _');
  }
  for (const field of ['apiId', 'region', 'routeSelectionExpression'] as const) {
    if (typeof options[field] !== 'string' || options[field] === '')
      problems.add(field, options[field], 'must be a non-empty string');
  }
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (typeof accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(accountId))
    problems.add('accountId', accountId, 'must be 12 digits');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const rate = options.connectionsRequestsPerSecond;
  if (rate !== undefined && (!Number.isInteger(rate) || rate <= 0))
    problems.add(
      'connectionsRequestsPerSecond',
      rate,
      'must be a positive integer (requests a second), or absent for no throttling',
    );
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) problems.add(`limits.${name}`, value, 'must be a positive integer');
  }
  const httpTimeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  checkHttpTimeouts(problems, httpTimeouts, 'httpTimeouts');
  const stageVariables = options.stageVariables ?? {};
  if (
    typeof stageVariables !== 'object' ||
    stageVariables === null ||
    !Object.values(stageVariables).every((value) => typeof value === 'string')
  ) {
    problems.add('stageVariables', stageVariables, 'must be an object of name → string value');
  }
  const routes = new Map<string, RouteBinding>();
  (options.routes ?? []).forEach((route, index) => {
    if (routes.has(route.routeKey)) problems.add(`routes[${index}].routeKey`, route.routeKey, 'is defined twice');
    routes.set(route.routeKey, route);
    problems.addAll(authorizationProblems(route, `routes[${index}]`));
    if (route.apiKeyRequired !== undefined && typeof route.apiKeyRequired !== 'boolean')
      problems.add(`routes[${index}].apiKeyRequired`, route.apiKeyRequired, 'must be a boolean');
    const { throttle } = route;
    if (
      throttle !== undefined &&
      !(
        Number.isFinite(throttle.rateLimit) &&
        throttle.rateLimit >= 0 &&
        Number.isInteger(throttle.burstLimit) &&
        throttle.burstLimit >= 0
      )
    )
      problems.add(
        `routes[${index}].throttle`,
        throttle,
        'must be { rateLimit: number >= 0, burstLimit: integer >= 0 }',
      );
    const timeoutMs = route.integration.timeoutMs;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 50 && timeoutMs <= 29000)) {
      problems.add(
        `routes[${index}].integration.timeoutMs`,
        timeoutMs,
        "must be an integer from 50 to 29000 (API Gateway's WebSocket integration timeout)",
      );
    }
    if (route.integration.type === 'HTTP' || route.integration.type === 'HTTP_PROXY') {
      if (!/^https?:\/\/[^\s]+$/.test(route.integration.url))
        problems.add(`routes[${index}].integration.url`, route.integration.url, 'must be an http(s) URL');
      if (!/^[A-Za-z]+$/.test(route.integration.method))
        problems.add(`routes[${index}].integration.method`, route.integration.method, 'must be an HTTP method');
    }
    if (route.integration.type !== 'AWS_PROXY') {
      route.integration.integrationResponses.forEach((response, responseIndex) => {
        const at = `routes[${index}].integration.integrationResponses[${responseIndex}]`;
        if (!INTEGRATION_RESPONSE_KEY.test(response.key))
          problems.add(`${at}.key`, response.key, "must be '$default' or '/regex/'");
        const templates = response.templates ?? {};
        if (
          typeof templates !== 'object' ||
          templates === null ||
          !Object.values(templates).every((text) => typeof text === 'string')
        ) {
          problems.add(`${at}.templates`, templates, 'must be an object of selection key → VTL text');
        }
      });
    }
  });
  const customDomains = options.customDomains ?? [];
  customDomains.forEach((mapping, index) => {
    if (typeof mapping.domainName !== 'string' || !/^[A-Za-z0-9.-]+$/.test(mapping.domainName))
      problems.add(`customDomains[${index}].domainName`, mapping.domainName, 'must be a host name');
    if (typeof mapping.basePath !== 'string' || !/^[A-Za-z0-9._~-]*$/.test(mapping.basePath))
      problems.add(`customDomains[${index}].basePath`, mapping.basePath, "must be '' or one path segment");
  });
  const apiKeys = options.apiKeys ?? { source: 'HEADER', keys: [] };
  problems.addAll(apiKeyProblems(apiKeys));
  if (typeof options.backends?.invokeLambda !== 'function' || typeof options.backends?.callAwsService !== 'function') {
    problems.add(
      'backends',
      Object.keys(options.backends ?? {}),
      'must provide invokeLambda, callAwsService and buildEvent',
    );
  }
  if (typeof options.vtl?.render !== 'function')
    problems.add(
      'vtl',
      options.vtl === undefined ? undefined : Object.keys(options.vtl),
      'must be a VtlEngine (createVtlEngine())',
    );
  if (options.log !== undefined && typeof options.log !== 'function')
    problems.add('log', options.log, 'must be a function (line) => void');
  problems.throwIfAny();
  return {
    port,
    stage: options.stage,
    apiId: options.apiId,
    region: options.region,
    accountId,
    domainName: options.domainName,
    customDomains,
    routeSelectionExpression: options.routeSelectionExpression,
    stageVariables: { ...stageVariables },
    routes,
    apiKeys,
    limits,
    connectionsRequestsPerSecond: options.connectionsRequestsPerSecond,
    httpTimeouts,
    log: options.log ?? stderrLog('api-gateway'),
  };
}
