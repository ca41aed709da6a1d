import { getAtt, join } from '../../cfn/types.ts';
import type { RouteKindVisitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { sessionIndexes } from '../sessions/record.ts';
import { connectionsArn, connectionsEndpoint } from './connections-api.ts';
import { addLambdaProxyRoute, typescriptFunction } from './function-resource.ts';
import { allow } from './iam.ts';

/**
 * `sendToIdentity` routes: the project's handlers/send-to-identity.ts looks the identity up in its
 * index, posts through `@connections`, and deletes records of connections that are gone (410).
 * Its role can query that one index, delete session records and post to connections.
 */
export const sendToIdentityVisitor: RouteKindVisitor<'sendToIdentity'> = (template, context, routes) => {
  const { config, routeNames, handlers } = context;
  const identity = config.sessions.identity;
  for (const { key, route } of routes) {
    if (identity === undefined) throw new Error(`route ${key}: sendToIdentity needs sessions.identity`);
    const paths = handlers.get(key);
    if (!paths) throw new Error(`no resolved handler for route ${key}`);
    const index = sessionIndexes(config).find((candidate) => candidate.name === identity.index)!;
    const ids = routeIds(routeNames.get(key)!);
    const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
    template.Resources[ids.function] = typescriptFunction({
      paths,
      memorySize: route.memorySize,
      timeout: route.timeout,
      tracing: config.observability.tracing,
      environment: {
        PARTITION_KEY: config.sessions.partitionKey,
        IDENTITY_INDEX: index.name,
        IDENTITY_ATTRIBUTE: index.attribute,
        CONNECTIONS_ENDPOINT: connectionsEndpoint(),
      },
      statements: [
        allow('dynamodb:Query', join('/', [tableArn, 'index', index.name])),
        allow('dynamodb:DeleteItem', tableArn),
        allow('execute-api:ManageConnections', connectionsArn('POST')),
      ],
    });
    addLambdaProxyRoute(template, { key, base: routeNames.get(key)!, reply: route.reply });
  }
};
