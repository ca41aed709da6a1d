import { getAtt, type CfnObject, type CfnValue } from '../../cfn/types.ts';
import type { LambdaRoute } from '../config/index.ts';
import type { GeneratorContext, RouteKindVisitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { sessionRecordSpec } from '../sessions/record.ts';
import { connectAuthorization } from './authorizer.ts';
import { acceptedOriginSecrets, edgeGuarded } from './edge-guard.ts';
import { accessGrants } from './function-access.ts';
import { addLambdaProxyRoute, typescriptFunction } from './function-resource.ts';
import { allow } from './iam.ts';

/**
 * Routes served by TypeScript Lambda functions: SAM builds them with esbuild (ESM, `.mjs`),
 * API Gateway invokes them through a Lambda proxy integration, and the invoke permission is
 * scoped to this API, this stage and this route. The function may touch what its `access` names, nothing else.
 */
export const lambdaRoutesVisitor: RouteKindVisitor<'lambda'> = (template, context, routes) => {
  const { config, routeNames, handlers } = context;
  for (const { key, route } of routes) {
    const ids = routeIds(routeNames.get(key)!);
    const paths = handlers.get(key);
    if (!paths) throw new Error(`no resolved handler for route ${key}`);
    const session = sessionRouteGrants(key, context);
    const grants = accessGrants(route.access, config, session.statements.length);
    template.Resources[ids.function] = typescriptFunction({
      paths,
      memorySize: route.memorySize,
      timeout: route.timeout,
      tracing: config.observability.tracing,
      environment: { ...session.environment, ...grants.environment, ...route.environment },
      statements: [...session.statements, ...grants.statements],
      acceptances: grants.acceptances,
    });
    addLambdaProxyRoute(template, {
      key,
      base: routeNames.get(key)!,
      reply: replies(key, route),
      ...(key === '$connect' ? { authorization: connectAuthorization(config) } : {}),
    });
  }
};

/** API Gateway sends no route response on `$connect` and `$disconnect`. */
function replies(key: string, route: LambdaRoute): boolean {
  return key !== '$connect' && key !== '$disconnect' && route.reply;
}

/**
 * What a Lambda on a session route needs to keep the session record the standard way (handlers/lib/sessions.ts):
 * `$connect` the record's description (and the edge's accepted secrets) and `dynamodb:PutItem`; `$disconnect` the
 * description (its key name) and `dynamodb:DeleteItem`. Nothing for other routes.
 */
function sessionRouteGrants(
  key: string,
  { config }: GeneratorContext,
): { statements: CfnObject[]; environment: Record<string, CfnValue> } {
  if (key !== '$connect' && key !== '$disconnect') return { statements: [], environment: {} };
  const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
  return {
    statements: [allow(key === '$connect' ? 'dynamodb:PutItem' : 'dynamodb:DeleteItem', tableArn)],
    environment: {
      SESSION_RECORD: JSON.stringify(sessionRecordSpec(config)),
      // The accepted edge secrets, from the NoEcho parameters (never in the template text).
      ...(key === '$connect' && edgeGuarded(config) ? { ORIGIN_SECRETS: acceptedOriginSecrets() } : {}),
    },
  };
}
