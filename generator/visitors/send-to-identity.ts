import { getAtt, join, type CfnResource } from '../../cfn/types.ts';
import type { WsConfig } from '../config/index.ts';
import { SEND_TO_IDENTITY_FUNCTION_KEY } from '../config/load.ts';
import type { GeneratorContext, RouteKindVisitor, Visitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { sessionIndexes } from '../sessions/record.ts';
import { connectionsArn, connectionsEndpoint } from './connections-api.ts';
import { addLambdaProxyRoute, typescriptFunction } from './function-resource.ts';
import { allow } from './iam.ts';

/**
 * Stacks with `sessions.identity` get `SendToIdentityFunction` (handlers/send-to-identity-backend.ts): backends
 * invoke it with IAM (`lambda:InvokeFunction`; no resource policy lets anyone else) to send to every connection of
 * an identity. No route reaches it: ordinary clients never address other connections.
 */
export const sendToIdentityFunctionVisitor: Visitor = (template, context) => {
  if (context.config.sessions.identity === undefined) return;
  const paths = context.handlers.get(SEND_TO_IDENTITY_FUNCTION_KEY);
  if (!paths) throw new Error('no resolved handler for the SendToIdentityFunction');
  template.Resources[LOGICAL_IDS.sendToIdentityFunction] = identitySender(
    context,
    paths,
    { memorySize: 128, timeout: 10 },
    {},
  );
};

/**
 * `sendToIdentity` routes (handlers/send-to-identity.ts): the same sending, for connections whose authorizer context
 * matches the route's `allowWhen`; the others are answered Forbidden.
 */
export const sendToIdentityVisitor: RouteKindVisitor<'sendToIdentity'> = (template, context, routes) => {
  for (const { key, route } of routes) {
    const paths = context.handlers.get(key);
    if (!paths) throw new Error(`no resolved handler for route ${key}`);
    const base = context.routeNames.get(key)!;
    template.Resources[routeIds(base).function] = identitySender(context, paths, route, {
      ALLOW_WHEN_CONTEXT_KEY: route.allowWhen.contextKey,
      ALLOW_WHEN_EQUALS: route.allowWhen.equals,
    });
    addLambdaProxyRoute(template, { key, base, reply: route.reply });
  }
};

/** A function that can query the identity index, delete stale session records and post to connections. */
function identitySender(
  { config }: GeneratorContext,
  paths: Parameters<typeof typescriptFunction>[0]['paths'],
  size: { memorySize: number; timeout: number },
  environment: Record<string, string>,
): CfnResource {
  const index = identityIndex(config);
  const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
  return typescriptFunction({
    paths,
    memorySize: size.memorySize,
    timeout: size.timeout,
    tracing: config.observability.tracing,
    environment: {
      PARTITION_KEY: config.sessions.partitionKey,
      IDENTITY_INDEX: index.name,
      IDENTITY_ATTRIBUTE: index.attribute,
      CONNECTIONS_ENDPOINT: connectionsEndpoint(),
      ...environment,
    },
    statements: [
      allow('dynamodb:Query', join('/', [tableArn, 'index', index.name])),
      allow('dynamodb:DeleteItem', tableArn),
      allow('execute-api:ManageConnections', connectionsArn('POST')),
    ],
  });
}

function identityIndex(config: WsConfig) {
  const identity = config.sessions.identity;
  if (identity === undefined) throw new Error('sending to an identity needs sessions.identity');
  return sessionIndexes(config).find((candidate) => candidate.name === identity.index)!;
}
