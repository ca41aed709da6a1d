/**
 * `RequestParameters` of WebSocket routes and integrations, read and checked at start
 * (docs/aws-behaviour.md#apigw-request-parameters, after the Developer Guide's "Set up data mapping for WebSocket APIs"):
 * - a route declares `route.request.header.NAME` / `route.request.querystring.NAME`, each `{Required: bool}`; only
 *   `$connect` has a handshake to carry them;
 * - an HTTP or HTTP_PROXY integration maps `integration.request.header.NAME` / `integration.request.querystring.NAME`
 *   from a declared route request parameter (on `$connect`), `route.request.body.JSONPATH`, `context.VARIABLE`,
 *   `stageVariables.NAME` or a `'static value'`.
 * Everything else is refused naming the resource, the entry and the rule: a mapping that the local stack would not
 * apply must not look as if it were.
 */
import type {
  RequestParameterMapping,
  RequestParameterSource,
  RequiredRouteParameter,
} from '../shared/request-parameters.ts';
import { isMapping } from '../shared/is-mapping.ts';
import { TemplateError } from './errors.ts';
import type { LocalResource } from './types.ts';

/** API Gateway's rule for a parameter name, from the data-mapping page. */
const PARAMETER_NAME = /^[a-zA-Z0-9._$-]+$/;
const ROUTE_PARAMETER = /^route\.request\.(header|querystring)\.(.+)$/;
const INTEGRATION_PARAMETER = /^integration\.request\.(header|querystring|path)\.(.+)$/;
const ROUTE_SOURCE = /^route\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.(.+)$/;
const BODY_SOURCE = /^route\.request\.body\.(.+)$/;
const STAGE_VARIABLE_SOURCE = /^stageVariables\.([a-zA-Z0-9_]+)$/;
const STATIC_SOURCE = /^'(.*)'$/s;
const AUTHORIZER_CONTEXT = /^authorizer\.[a-zA-Z0-9_]+$/;

/** The WebSocket `$context` variables (Developer Guide, "WebSocket API context variables"); unset ones map nothing. */
const CONTEXT_VARIABLES = new Set([
  'apiId',
  'connectedAt',
  'connectionId',
  'domainName',
  'error.message',
  'error.messageString',
  'error.responseType',
  'error.validationErrorString',
  'eventType',
  'extendedRequestId',
  'identity.accountId',
  'identity.apiKey',
  'identity.apiKeyId',
  'identity.caller',
  'identity.cognitoAuthenticationProvider',
  'identity.cognitoAuthenticationType',
  'identity.cognitoIdentityId',
  'identity.cognitoIdentityPoolId',
  'identity.sourceIp',
  'identity.user',
  'identity.userAgent',
  'identity.userArn',
  'integrationLatency',
  'messageDirection',
  'messageId',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'routeKey',
  'stage',
  'status',
]);

/** A route's declared request parameters, by `declarationKey`. */
export type DeclaredRouteParameters = ReadonlyMap<string, RequiredRouteParameter & { required: boolean }>;

/** Header names are case-insensitive, query string names are not. */
const declarationKey = (from: 'header' | 'querystring', name: string): string =>
  from === 'header' ? `header.${name.toLowerCase()}` : `querystring.${name}`;

function entries(resource: LocalResource): [string, unknown][] {
  const value = (resource.properties as Record<string, unknown> | undefined)?.['RequestParameters'];
  if (value === undefined) return [];
  if (!isMapping(value))
    throw new TemplateError(
      `Resources.${resource.logicalId}.Properties.RequestParameters: must be a mapping, got ${JSON.stringify(value)}`,
    );
  return Object.entries(value);
}

/** CloudFormation takes `Required` as a boolean or its text. */
function requiredOf(value: unknown): boolean | undefined {
  if (!isMapping(value)) return undefined;
  const required = value['Required'];
  if (required === true || required === 'true') return true;
  if (required === false || required === 'false') return false;
  return undefined;
}

/** A route's `RequestParameters`: header and query string parameters of `$connect` only. */
export function routeRequestParameters(resource: LocalResource, routeKey: string): DeclaredRouteParameters {
  const declared = new Map<string, RequiredRouteParameter & { required: boolean }>();
  for (const [key, value] of entries(resource)) {
    const where = `Resources.${resource.logicalId}.Properties.RequestParameters.${key}`;
    const match = ROUTE_PARAMETER.exec(key);
    if (match === null)
      throw new TemplateError(
        `${where}: must be route.request.header.NAME or route.request.querystring.NAME (a WebSocket route declares no other request parameters)`,
      );
    const [, from, name] = match as unknown as [string, 'header' | 'querystring', string];
    if (!PARAMETER_NAME.test(name))
      throw new TemplateError(`${where}: the name ${JSON.stringify(name)} must match ${PARAMETER_NAME.source}`);
    if (routeKey !== '$connect')
      throw new TemplateError(
        `${where}: route ${routeKey} has no handshake; header and query string parameters are supported only for $connect`,
      );
    const required = requiredOf(value);
    if (required === undefined)
      throw new TemplateError(`${where}: must be {Required: true} or {Required: false}, got ${JSON.stringify(value)}`);
    if (declared.has(declarationKey(from, name)))
      throw new TemplateError(
        `${where}: declares ${from} ${JSON.stringify(name)} a second time (header names ignore case)`,
      );
    declared.set(declarationKey(from, name), { from, name, required });
  }
  return declared;
}

/** The declared parameters a `$connect` handshake must carry. */
export function requiredRouteParameters(declared: DeclaredRouteParameters): RequiredRouteParameter[] {
  return [...declared.values()].filter((parameter) => parameter.required).map(({ from, name }) => ({ from, name }));
}

/**
 * An integration's `RequestParameters`. `usedBy`: the route keys that target it, with what each declares, so a
 * mapping from a route request parameter is checked against every route that would run it.
 */
export function integrationRequestParameters(
  resource: LocalResource,
  integrationType: string,
  usedBy: ReadonlyMap<string, DeclaredRouteParameters>,
): RequestParameterMapping[] {
  const mappings: RequestParameterMapping[] = [];
  for (const [key, value] of entries(resource)) {
    const where = `Resources.${resource.logicalId}.Properties.RequestParameters.${key}`;
    if (integrationType !== 'HTTP' && integrationType !== 'HTTP_PROXY')
      throw new TemplateError(
        `${where}: request parameter mappings are emulated for HTTP and HTTP_PROXY integrations only, not ${integrationType}`,
      );
    const match = INTEGRATION_PARAMETER.exec(key);
    if (match === null)
      throw new TemplateError(
        `${where}: must be integration.request.header.NAME or integration.request.querystring.NAME`,
      );
    const [, to, name] = match as unknown as [string, 'header' | 'querystring' | 'path', string];
    if (to === 'path')
      throw new TemplateError(`${where}: path parameters (an IntegrationUri with {NAME}) are not emulated locally`);
    if (!PARAMETER_NAME.test(name))
      throw new TemplateError(`${where}: the name ${JSON.stringify(name)} must match ${PARAMETER_NAME.source}`);
    if (to === 'header' && name.toLowerCase() === '__proto__')
      throw new TemplateError(
        `${where}: a header named __proto__ cannot be sent locally: Node's fetch, the local stack's HTTP client, drops it (a local limit, not API Gateway's)`,
      );
    if (typeof value !== 'string')
      throw new TemplateError(`${where}: must be a mapping expression (a string), got ${JSON.stringify(value)}`);
    const source = sourceOf(value, `${where}: ${JSON.stringify(value)}`);
    if (source.kind === 'route') checkRouteSource(source, usedBy, where);
    mappings.push({ to, name, source, text: `${key}: ${value}` });
  }
  return mappings;
}

function sourceOf(expression: string, where: string): RequestParameterSource {
  const fromStatic = STATIC_SOURCE.exec(expression);
  if (fromStatic !== null) return { kind: 'static', value: fromStatic[1] as string };
  if (expression.startsWith('context.')) {
    const variable = expression.slice('context.'.length);
    if (!CONTEXT_VARIABLES.has(variable) && !AUTHORIZER_CONTEXT.test(variable))
      throw new TemplateError(`${where}: not a WebSocket context variable (docs/aws-behaviour.md#vtl-context)`);
    return { kind: 'context', path: variable.split('.') };
  }
  const stageVariable = STAGE_VARIABLE_SOURCE.exec(expression);
  if (stageVariable !== null) return { kind: 'stageVariable', name: stageVariable[1] as string };
  const body = BODY_SOURCE.exec(expression);
  if (body !== null) return { kind: 'body', path: body[1] as string };
  const route = ROUTE_SOURCE.exec(expression);
  if (route !== null) {
    const [, from, name] = route as unknown as [
      string,
      Extract<RequestParameterSource, { kind: 'route' }>['from'],
      string,
    ];
    if (!PARAMETER_NAME.test(name))
      throw new TemplateError(`${where}: the name ${JSON.stringify(name)} must match ${PARAMETER_NAME.source}`);
    return { kind: 'route', from, name };
  }
  throw new TemplateError(
    `${where}: must be route.request.header|querystring|multivalueheader|multivaluequerystring.NAME, route.request.body.JSONPATH, context.VARIABLE, stageVariables.NAME or a 'static value' in single quotes`,
  );
}

/** Route request parameters exist on `$connect` only, and only the ones the route declares. */
function checkRouteSource(
  source: Extract<RequestParameterSource, { kind: 'route' }>,
  usedBy: ReadonlyMap<string, DeclaredRouteParameters>,
  where: string,
): void {
  const single = source.from === 'header' || source.from === 'multivalueheader' ? 'header' : 'querystring';
  const declaration = `route.request.${single}.${source.name}`;
  for (const [routeKey, declared] of usedBy) {
    if (routeKey !== '$connect')
      throw new TemplateError(
        `${where}: route ${routeKey} uses this integration, and route request headers and query strings exist on $connect only`,
      );
    if (!declared.has(declarationKey(single, source.name)))
      throw new TemplateError(
        `${where}: the $connect route does not declare ${declaration} in its RequestParameters; an integration maps only declared route request parameters`,
      );
  }
}
