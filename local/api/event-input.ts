import type { GatewayContext } from './context.ts';
import type { HandshakeRequest } from './handshake.ts';
import type { ConnectionAuthorizer, EventInput } from './types.ts';

/** The connection facts every event carries. */
export interface ConnectionFacts {
  id: string;
  connectedAt: number;
  handshake: HandshakeRequest;
  /** what the Lambda authorizer returned on `$connect`, kept for the whole connection */
  authorizer?: ConnectionAuthorizer;
}

/**
 * EventInput for one request. Only `$connect` sees the handshake headers and query
 * string; MESSAGE and DISCONNECT get empty maps (the event builders add the fixed
 * disconnect header set, semantics doc §4).
 */
export function eventInputFor(
  gateway: GatewayContext,
  connection: ConnectionFacts,
  routeKey: string,
  extra: Partial<Pick<EventInput, 'messageId' | 'body' | 'disconnectStatusCode' | 'disconnectReason'>> & { withHandshake?: boolean } = {},
): EventInput {
  const { withHandshake = false, ...rest } = extra;
  const handshake = connection.handshake;
  const input: EventInput = {
    connectionId: connection.id,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: Date.now(),
    requestId: gateway.newId(),
    routeKey,
    stage: gateway.options.stage,
    apiId: gateway.options.apiId,
    domainName: gateway.domainName(),
    sourceIp: handshake.sourceIp,
    headers: withHandshake ? handshake.headers : {},
    multiValueHeaders: withHandshake ? handshake.multiValueHeaders : {},
    query: withHandshake ? handshake.query : {},
    multiValueQuery: withHandshake ? handshake.multiValueQuery : {},
    ...rest,
  };
  if (handshake.userAgent !== undefined) input.userAgent = handshake.userAgent;
  if (connection.authorizer !== undefined) input.authorizer = connection.authorizer;
  return input;
}
