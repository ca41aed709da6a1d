import { getAtt } from '../../cfn/types.ts';
import { CONNECT_HANDLER_KEY } from '../config/load.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { sessionRecordSpec } from '../sessions/record.ts';
import { connectAuthorization } from './authorizer.ts';
import { addLambdaProxyRoute, typescriptFunction } from './function-resource.ts';
import { acceptedOriginSecrets, edgeGuarded } from './edge-guard.ts';
import { allow } from './iam.ts';

/** Small and fixed: the function does one PutItem and picks a protocol. */
const CONNECT_MEMORY_MB = 256;
const CONNECT_TIMEOUT_S = 5;

/**
 * With subprotocols, `$connect` is the project's own Lambda (handlers/connect.ts): it negotiates
 * the subprotocol (only a Lambda proxy can answer `Sec-WebSocket-Protocol`) and writes the same
 * session record as the VTL integration, described to it by `SESSION_RECORD`.
 */
export const connectFunctionVisitor: Visitor = (template, context) => {
  const { config, routeNames, handlers } = context;
  const { connect } = config;
  if (connect.subprotocols.length === 0) return;
  const paths = handlers.get(CONNECT_HANDLER_KEY);
  if (!paths) throw new Error('no resolved handler for the subprotocol $connect function');
  const base = routeNames.get('$connect')!;
  const ids = routeIds(base);
  template.Resources[ids.function] = typescriptFunction({
    paths,
    memorySize: CONNECT_MEMORY_MB,
    timeout: CONNECT_TIMEOUT_S,
    tracing: config.observability.tracing,
    environment: {
      SESSION_RECORD: JSON.stringify(sessionRecordSpec(config)),
      // The accepted edge secrets, from the NoEcho parameters (never in the template text).
      ...(edgeGuarded(config) ? { ORIGIN_SECRETS: acceptedOriginSecrets() } : {}),
      SUBPROTOCOLS: connect.subprotocols.join(','),
      REQUIRE_SUBPROTOCOL: String(connect.requireSubprotocol),
    },
    statements: [allow('dynamodb:PutItem', getAtt(LOGICAL_IDS.sessionsTable, 'Arn'))],
  });
  addLambdaProxyRoute(template, { key: '$connect', base, reply: false, authorization: connectAuthorization(config) });
};
