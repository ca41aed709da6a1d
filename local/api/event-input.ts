import type { GatewayContext } from './context.ts';
import type { HandshakeRequest } from './handshake.ts';
import type { ConnectionApiKey, ConnectionAuthorizer, EventInput } from './types.ts';

/** The connection facts every event carries. */
export interface ConnectionFacts {
  id: string;
  connectedAt: number;
  handshake: HandshakeRequest;
  /** what the Lambda authorizer returned on `$connect`, kept for the whole connection */
  authorizer?: ConnectionAuthorizer;
  /** the API key `$connect` required and validated, kept for the whole connection */
  apiKey?: ConnectionApiKey;
  /** the custom domain the client connected through (`$context.domainName`); absent: the API's own host */
  domainName?: string;
}

/**
 * EventInput for one request. Only `$connect` sees the handshake headers and query
 * string; MESSAGE and DISCONNECT get empty maps (the event builders add the fixed
 * disconnect header set, docs/aws-behaviour.md#events-disconnect).
 */
export function eventInputFor(
  gateway: GatewayContext,
  connection: ConnectionFacts,
  routeKey: string,
  extra: Partial<Pick<EventInput, 'messageId' | 'body' | 'disconnectStatusCode' | 'disconnectReason'>> & {
    withHandshake?: boolean;
  } = {},
): EventInput {
  const withHandshake = extra.withHandshake === true;
  const handshake = connection.handshake;
  const input: EventInput = {
    connectionId: connection.id,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: Date.now(),
    requestId: gateway.newId(),
    routeKey,
    stage: gateway.options.stage,
    apiId: gateway.options.apiId,
    domainName: connection.domainName ?? gateway.domainName(),
    sourceIp: handshake.sourceIp,
    headers: withHandshake ? handshake.headers : {},
    multiValueHeaders: withHandshake ? handshake.multiValueHeaders : {},
    query: withHandshake ? handshake.query : {},
    multiValueQuery: withHandshake ? handshake.multiValueQuery : {},
  };
  // Assigned rather than spread from `extra`: this runs for every message, and a rest-and-spread copy is slow.
  if (extra.messageId !== undefined) input.messageId = extra.messageId;
  if (extra.body !== undefined) input.body = extra.body;
  if (extra.disconnectStatusCode !== undefined) input.disconnectStatusCode = extra.disconnectStatusCode;
  if (extra.disconnectReason !== undefined) input.disconnectReason = extra.disconnectReason;
  if (handshake.userAgent !== undefined) input.userAgent = handshake.userAgent;
  if (connection.authorizer !== undefined) input.authorizer = connection.authorizer;
  if (connection.apiKey !== undefined) input.apiKey = connection.apiKey;
  return input;
}
