import { formatRequestTime } from './request-time.ts';
import type { ConnectionFacts, RequestFacts, WebSocketEventType, WebSocketRequestContext } from './types.ts';

/** What differs between the three event types' request contexts. */
export interface RequestContextSpecifics {
  eventType: WebSocketEventType;
  routeKey: string;
  messageId?: string;
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/**
 * The `requestContext` shared by CONNECT, MESSAGE and DISCONNECT events. Keys are written in
 * the order of the captured events (a handler that echoes the event shows AWS's layout);
 * `messageId` only on MESSAGE, the disconnect fields only on DISCONNECT, `identity.userAgent`
 * and `authorizer` only when known.
 */
export function toRequestContext(
  facts: ConnectionFacts & RequestFacts,
  specifics: RequestContextSpecifics,
): WebSocketRequestContext {
  const identity = facts.userAgent === undefined
    ? { sourceIp: facts.sourceIp }
    : { userAgent: facts.userAgent, sourceIp: facts.sourceIp };
  return {
    routeKey: specifics.routeKey,
    ...(specifics.messageId === undefined ? {} : { messageId: specifics.messageId }),
    ...(specifics.disconnectStatusCode === undefined ? {} : { disconnectStatusCode: specifics.disconnectStatusCode }),
    eventType: specifics.eventType,
    extendedRequestId: facts.requestId,
    requestTime: formatRequestTime(facts.requestTimeEpoch),
    messageDirection: 'IN',
    ...(specifics.disconnectReason === undefined ? {} : { disconnectReason: specifics.disconnectReason }),
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch: facts.requestTimeEpoch,
    identity,
    ...(facts.authorizer === undefined ? {} : { authorizer: { ...facts.authorizer } }),
    requestId: facts.requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: facts.apiId,
  };
}
