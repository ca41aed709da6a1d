import type { z } from 'zod';
import { IDENTITY_PATTERN_FORM, identityPattern } from '../../handlers/lib/identity-path.ts';
import { STANDARD_RECORD_FIELDS } from '../../handlers/lib/record-fields.ts';
import { ORIGIN_SECRET_HEADER, UNFORWARDABLE_HEADERS, type EdgeConfig } from './edge.ts';
import { GENERATED_AUTHORIZER_VARIABLES, type ConnectConfig } from './connect.ts';
import type { SessionsConfig } from './sessions.ts';
import { stateMachineTagRules } from './tags.ts';
import { dispatchRoute, type RouteKindHandlers } from './route-kinds.ts';
import type { Route } from './routes.ts';
import { ACCESS_VARIABLES, SESSION_ROUTE_VARIABLES, type AccessConfig } from './access.ts';
import { addProblem } from './add-problem.ts';

interface RuleInput {
  sessions: SessionsConfig;
  edge: EdgeConfig;
  connect: ConnectConfig;
  routes: Record<string, Route>;
  tags: Record<string, string>;
  functions: Record<string, { environment: Record<string, string>; access: AccessConfig }>;
}

/** What each kind of route needs from the rest of the config. */
export const ROUTE_KIND_RULES: RouteKindHandlers<[key: string, config: RuleInput, ctx: z.RefinementCtx], void> = {
  dynamodb: () => {},
  lambda: (route, key, { connect }, ctx) => {
    accessVariableRule(['routes', key], route, ctx);
    if (key === '$connect' && connect.subprotocols.length > 0) {
      addProblem(
        ctx,
        ['routes', key, 'integration'],
        'lambda',
        'a Lambda $connect cannot be combined with connect.subprotocols: the generated $connect negotiates them; remove one',
      );
    }
    if (key === '$connect' || key === '$disconnect') {
      for (const name of SESSION_ROUTE_VARIABLES) {
        if (
          typeof route.environment === 'object' &&
          route.environment !== null &&
          Object.hasOwn(route.environment, name)
        ) {
          addProblem(
            ctx,
            ['routes', key, 'environment', name],
            name,
            `is set by the generator on ${key} (handlers/lib/sessions.ts reads it)`,
          );
        }
      }
    }
  },
  stepFunctions: () => {},
  sendToIdentity: (_route, key, { sessions, connect }, ctx) => {
    if (sessions.identity === undefined) {
      addProblem(
        ctx,
        ['routes', key, 'integration'],
        'sendToIdentity',
        'sendToIdentity needs sessions.identity (the path pattern that names each connection)',
      );
    }
    if (connect.authorization.type !== 'REQUEST') {
      addProblem(
        ctx,
        ['routes', key, 'allowWhen'],
        connect.authorization.type,
        "a sendToIdentity route needs connect.authorization of type REQUEST: only an authorizer's context can say which connections may address others (backends use the SendToIdentityFunction output instead)",
      );
    }
  },
};

/**
 * AWS documents no pattern for WebSocket route keys; these characters are safe in the
 * `execute-api` ARN of the route's invoke permission and in logical IDs (naming.ts).
 */
const ROUTE_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Rules that span fields; each issue names its path and the value. */
export function crossFieldRules(config: RuleInput, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(config.routes)) {
    if (key.startsWith('$') && !['$connect', '$disconnect', '$default'].includes(key)) {
      addProblem(
        ctx,
        ['routes', key],
        key,
        'route keys starting with $ are reserved; use $connect, $disconnect, $default or a key without $',
      );
    } else if (!key.startsWith('$') && !ROUTE_KEY.test(key)) {
      addProblem(ctx, ['routes', key], key, 'must be 1-128 letters, digits, _ . : -');
    }
  }
  const { sessions, edge } = config;
  if (sessions.store.path && !edge.enabled) {
    addProblem(
      ctx,
      ['sessions', 'store', 'path'],
      true,
      'storing the path needs edge.enabled: only the edge can carry a URL path to the API',
    );
  }
  const names = new Set<string>();
  const attributes = new Set<string>([sessions.partitionKey, sessions.ttl.attribute, ...STANDARD_RECORD_FIELDS]);
  const identity = sessions.identity;
  if (identity !== undefined) {
    if (!edge.enabled) {
      addProblem(
        ctx,
        ['sessions', 'identity', 'pathPattern'],
        identity.pathPattern,
        'an identity from the path needs edge.enabled: only the edge can carry a URL path to the API',
      );
    }
    // Cross-field rules run even when a field broke its own rule: read the placeholder only from a valid pattern.
    if (IDENTITY_PATTERN_FORM.test(identity.pathPattern))
      identityAuthorizerRule(identityPattern(identity.pathPattern).attribute, config, attributes, ctx);
    names.add(identity.index);
  }
  sessions.indexes.forEach((index, i) => {
    if (names.has(index.name)) {
      addProblem(ctx, ['sessions', 'indexes', i, 'name'], index.name, 'index names must be unique');
    }
    names.add(index.name);
    if (attributes.has(index.attribute)) {
      addProblem(
        ctx,
        ['sessions', 'indexes', i, 'attribute'],
        index.attribute,
        'must not reuse the key, the TTL, a stored field or another index attribute',
      );
    }
    attributes.add(index.attribute);
    if (index.source.from === 'pathSegment' && !edge.enabled) {
      addProblem(
        ctx,
        ['sessions', 'indexes', i, 'source'],
        index.source,
        'a path segment needs edge.enabled: only the edge can carry a URL path to the API',
      );
    }
  });
  connectRules(config, ctx);
  for (const [key, route] of Object.entries(config.routes)) dispatchRoute(ROUTE_KIND_RULES, route, key, config, ctx);
  stateMachineTagRules(config.tags, config.routes, ctx);
  for (const [name, fn] of Object.entries(config.functions)) accessVariableRule(['functions', name], fn, ctx);
  edge.forwardHeaders.forEach((header, i) => {
    if (UNFORWARDABLE_HEADERS.includes(header.toLowerCase())) {
      addProblem(
        ctx,
        ['edge', 'forwardHeaders', i],
        header,
        'CloudFront cannot forward this header through an origin request policy',
      );
    } else if (header.toLowerCase() === ORIGIN_SECRET_HEADER) {
      addProblem(
        ctx,
        ['edge', 'forwardHeaders', i],
        header,
        `${ORIGIN_SECRET_HEADER} is the edge's own secret header: a viewer's value is never forwarded`,
      );
    }
  });
}

function identityAuthorizerRule(
  attribute: string,
  config: RuleInput,
  attributes: Set<string>,
  ctx: z.RefinementCtx,
): void {
  attributes.add(attribute);
  const { authorization } = config.connect;
  if (authorization.type === 'REQUEST' && !authorization.contextKeys.includes(attribute)) {
    addProblem(
      ctx,
      ['connect', 'authorization', 'contextKeys'],
      authorization.contextKeys,
      `must include "${attribute}": with an authorizer, the session's identity is the one the authorizer verified, its context key named like the pattern's placeholder`,
    );
  }
}

function connectRules({ connect, edge }: RuleInput, ctx: z.RefinementCtx): void {
  if (edge.pathHeader === ORIGIN_SECRET_HEADER) {
    addProblem(
      ctx,
      ['edge', 'pathHeader'],
      edge.pathHeader,
      `must not be ${ORIGIN_SECRET_HEADER}, the edge's secret header`,
    );
  }
  if (
    UNFORWARDABLE_HEADERS.includes(edge.authorizationHeader) ||
    edge.authorizationHeader === edge.pathHeader ||
    edge.authorizationHeader === ORIGIN_SECRET_HEADER
  ) {
    addProblem(
      ctx,
      ['edge', 'authorizationHeader'],
      edge.authorizationHeader,
      `must be a forwardable header other than edge.pathHeader and ${ORIGIN_SECRET_HEADER}`,
    );
  }
  if (connect.authorization.type === 'AWS_IAM' && edge.enabled) {
    addProblem(
      ctx,
      ['connect', 'authorization', 'type'],
      'AWS_IAM',
      'AWS_IAM needs edge.enabled: false: CloudFront cannot forward the signed Authorization header, and it changes the host and path the signature covers',
    );
  }
  if (connect.authorization.type === 'REQUEST') {
    for (const name of Object.keys(connect.authorization.environment)) {
      if ((GENERATED_AUTHORIZER_VARIABLES as readonly string[]).includes(name)) {
        addProblem(
          ctx,
          ['connect', 'authorization', 'environment', name],
          name,
          `is set by the generator (${GENERATED_AUTHORIZER_VARIABLES.join(', ')}): the authorizer helper reads it`,
        );
      }
    }
  }
  if (new Set(connect.allowedOrigins).size !== connect.allowedOrigins.length) {
    addProblem(ctx, ['connect', 'allowedOrigins'], connect.allowedOrigins, 'must not list an origin twice');
  }
  if (edge.allowDirectAccess && !edge.enabled) {
    addProblem(
      ctx,
      ['edge', 'allowDirectAccess'],
      true,
      'only means something with edge.enabled: without the edge every client connects directly',
    );
  }
  if (new Set(connect.subprotocols).size !== connect.subprotocols.length) {
    addProblem(ctx, ['connect', 'subprotocols'], connect.subprotocols, 'must not list a subprotocol twice');
  }
}

/** A variable the function's `access` makes the generator set cannot also be set by hand. */
function accessVariableRule(
  path: string[],
  fn: { environment: Record<string, string>; access: AccessConfig },
  ctx: z.RefinementCtx,
): void {
  for (const grant of ['sessions', 'connections'] as const) {
    // Cross-field rules run even when a field broke its own rule: read only what is there.
    if (!Array.isArray(fn.access?.[grant]) || fn.access[grant].length === 0) continue;
    for (const name of ACCESS_VARIABLES[grant]) {
      if (typeof fn.environment === 'object' && fn.environment !== null && Object.hasOwn(fn.environment, name)) {
        addProblem(
          ctx,
          [...path, 'environment', name],
          name,
          `is set by the generator for access.${grant} (handlers/lib/connections.ts reads it)`,
        );
      }
    }
  }
}
