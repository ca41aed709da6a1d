import type { CfnObject } from '../../cfn/types.ts';
import type { WsConfig } from '../config/index.ts';
import { dispatchRoute, type RouteKindHandlers } from '../config/route-kinds.ts';
import type { SmokeRoute } from '../../shared/smoke-routes.ts';

const SMOKE_ROUTE: RouteKindHandlers<[string], SmokeRoute> = {
  lambda: (route, key) => ({ key, kind: 'lambda', reply: route.reply }),
  dynamodb: (_route, key) => ({ key, kind: 'dynamodb', reply: false }),
  sendToIdentity: (route, key) => ({ key, kind: 'sendToIdentity', reply: route.reply }),
  stepFunctions: (route, key) => ({
    key,
    kind: route.type === 'EXPRESS' ? 'express' : 'standard',
    reply: route.reply,
    ...(route.workflow.template !== undefined ? { workflow: route.workflow.template } : {}),
    ...(route.workflow.template === 'wait-then-notify' ? { notify: route.workflow.message } : {}),
  }),
};

/** The stored record fields beyond the key and the TTL, in a fixed order (byte-stable output). */
const STORED_FIELDS = ['path', 'headers', 'querystring', 'connectedAt', 'sourceIp'] as const;

/** The outputs a smoke run derives its steps from, so it follows an edited config without edits of its own. */
export function smokeOutputs({ routes, sessions, routeSelectionExpression }: WsConfig): Record<string, CfnObject> {
  const described = Object.entries(routes).map(([key, route]) => dispatchRoute(SMOKE_ROUTE, route, key));
  const stored = STORED_FIELDS.filter((field) => sessions.store[field]);
  return {
    SmokeRoutes: {
      Description: 'Routes as the smoke suite reads them (JSON: key, kind, reply, built-in workflow)',
      Value: JSON.stringify(described),
    },
    RouteSelectionExpression: { Description: 'Where a message names its route', Value: routeSelectionExpression },
    SessionTtlSeconds: {
      Description: 'Seconds a session record lives (its TTL attribute is set to connect time plus this)',
      Value: String(sessions.ttl.seconds),
    },
    StoredFields: {
      Description: 'What the session record stores besides the key and the TTL (comma-separated; "none" when nothing)',
      Value: stored.length > 0 ? stored.join(',') : 'none',
    },
  };
}
