import type { RouteKindVisitor } from '../context.ts';
import { routeIds } from '../naming.ts';
import { accessGrants } from './function-access.ts';
import { addLambdaProxyRoute, typescriptFunction } from './function-resource.ts';

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
    const grants = accessGrants(route.access, config);
    template.Resources[ids.function] = typescriptFunction({
      paths, memorySize: route.memorySize, timeout: route.timeout, tracing: config.observability.tracing,
      environment: { ...grants.environment, ...route.environment }, statements: grants.statements, acceptances: grants.acceptances,
    });
    addLambdaProxyRoute(template, { key, base: routeNames.get(key)!, reply: route.reply });
  }
};
