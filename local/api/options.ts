import { authorizationProblems } from './authorizer-options.ts';
import type { ApiGatewayServiceOptions, GatewayLimits, RouteBinding } from './types.ts';

export const DEFAULT_LIMITS: GatewayLimits = {
  frameBytes: 32768,
  messageBytes: 131072,
  idleTimeoutMs: 600000,
  maxConnectionMs: 7200000,
  integrationTimeoutMs: 29000,
  closeGraceMs: 1000,
};

export interface ResolvedOptions {
  port: number;
  stage: string;
  apiId: string;
  region: string;
  accountId: string;
  domainName: string | undefined;
  routeSelectionExpression: string;
  routes: ReadonlyMap<string, RouteBinding>;
  limits: GatewayLimits;
  log: (line: string) => void;
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const ACCOUNT_ID = /^\d{12}$/;
const INTEGRATION_RESPONSE_KEY = /^(\$default|\/.+\/)$/;

/** Validates every option up front and collects all problems into one error. */
export function resolveOptions(options: ApiGatewayServiceOptions): ResolvedOptions {
  const problems: string[] = [];
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`port: ${JSON.stringify(port)} must be an integer 0-65535`);
  if (typeof options.stage !== 'string' || !STAGE_NAME.test(options.stage)) {
    problems.push(`stage: ${JSON.stringify(options.stage)} must be 1-128 characters of A-Z a-z 0-9 - _`);
  }
  for (const field of ['apiId', 'region', 'routeSelectionExpression'] as const) {
    if (typeof options[field] !== 'string' || options[field] === '') problems.push(`${field}: ${JSON.stringify(options[field])} must be a non-empty string`);
  }
  const accountId = options.accountId ?? '123456789012';
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) problems.push(`accountId: ${JSON.stringify(accountId)} must be 12 digits`);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) problems.push(`limits.${name}: ${JSON.stringify(value)} must be a positive integer`);
  }
  const routes = new Map<string, RouteBinding>();
  (options.routes ?? []).forEach((route, index) => {
    if (routes.has(route.routeKey)) problems.push(`routes[${index}].routeKey: ${JSON.stringify(route.routeKey)} is defined twice`);
    routes.set(route.routeKey, route);
    problems.push(...authorizationProblems(route, `routes[${index}]`));
    if (route.integration.type === 'AWS') {
      route.integration.integrationResponses.forEach((response, responseIndex) => {
        if (!INTEGRATION_RESPONSE_KEY.test(response.key)) {
          problems.push(`routes[${index}].integration.integrationResponses[${responseIndex}].key: ${JSON.stringify(response.key)} must be '$default' or '/regex/'`);
        }
      });
    }
  });
  if (typeof options.backends?.invokeLambda !== 'function' || typeof options.backends?.callAwsService !== 'function') {
    problems.push('backends: must provide invokeLambda, callAwsService and buildEvent');
  }
  if (typeof options.vtl?.render !== 'function') problems.push('vtl: must be a VtlEngine (createVtlEngine())');
  if (problems.length > 0) throw new TypeError(`createApiGatewayService: invalid options:\n  ${problems.join('\n  ')}`);
  return {
    port,
    stage: options.stage,
    apiId: options.apiId,
    region: options.region,
    accountId,
    domainName: options.domainName,
    routeSelectionExpression: options.routeSelectionExpression,
    routes,
    limits,
    log: options.log ?? ((line) => process.stderr.write(`[api-gateway] ${line}\n`)),
  };
}
