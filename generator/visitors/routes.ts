import { routesOfKind, type RouteKind } from '../config/route-kinds.ts';
import type { RouteKindVisitors, Visitor } from '../context.ts';
import { connectFunctionVisitor } from './connect-function.ts';
import { lambdaRoutesVisitor } from './lambda-routes.ts';
import { sendToIdentityVisitor } from './send-to-identity.ts';
import { sessionRoutesVisitor } from './session-routes.ts';
import { workflowRoutesVisitor } from './workflow-routes.ts';

/**
 * Every kind of route and what it emits. The template lists the kinds' resources in this order,
 * each kind's routes in config order.
 */
export const ROUTE_KIND_VISITORS: RouteKindVisitors = {
  // `$connect` and `$disconnect` unless a `lambda` serves them: VTL integrations, or the subprotocol
  // Lambda for `$connect`, emitted after `$disconnect`.
  dynamodb: (template, context, routes) => {
    const keys = new Set(routes.map(({ key }) => key));
    sessionRoutesVisitor(template, context, keys);
    if (keys.has('$connect')) connectFunctionVisitor(template, context);
  },
  lambda: lambdaRoutesVisitor,
  sendToIdentity: sendToIdentityVisitor,
  stepFunctions: workflowRoutesVisitor,
};

/** The routes of every kind, through ROUTE_KIND_VISITORS. */
export const routesVisitor: Visitor = (template, context) => {
  // The map's type has exactly one key per kind, so its keys are the kinds.
  for (const kind of Object.keys(ROUTE_KIND_VISITORS) as RouteKind[]) visitKind(kind, template, context);
};

function visitKind<K extends RouteKind>(kind: K, ...[template, context]: Parameters<Visitor>): void {
  const visit: RouteKindVisitors[K] = ROUTE_KIND_VISITORS[kind];
  visit(template, context, routesOfKind(context.config.routes, kind));
}
