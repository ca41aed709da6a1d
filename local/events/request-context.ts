import { formatRequestTime } from '../shared/request-time.ts';
import type {
  ConnectionFacts,
  RequestFacts,
  WebSocketEventType,
  WebSocketIdentity,
  WebSocketRequestContext,
} from './types.ts';

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
  const identity: WebSocketIdentity =
    facts.userAgent === undefined
      ? { sourceIp: facts.sourceIp }
      : { userAgent: facts.userAgent, sourceIp: facts.sourceIp };
  // After the captured keys: where AWS puts them in a WebSocket event is UNCONFIRMED (no capture with a key).
  if (facts.apiKey !== undefined) Object.assign(identity, { apiKey: facts.apiKey.value, apiKeyId: facts.apiKey.id });
  // Built by assignment in key order rather than with conditional spreads: this runs for every message.
  const context: Partial<WebSocketRequestContext> = { routeKey: specifics.routeKey };
  if (specifics.messageId !== undefined) context.messageId = specifics.messageId;
  if (specifics.disconnectStatusCode !== undefined) context.disconnectStatusCode = specifics.disconnectStatusCode;
  context.eventType = specifics.eventType;
  context.extendedRequestId = facts.requestId;
  context.requestTime = formatRequestTime(facts.requestTimeEpoch);
  context.messageDirection = 'IN';
  if (specifics.disconnectReason !== undefined) context.disconnectReason = specifics.disconnectReason;
  context.stage = facts.stage;
  context.connectedAt = facts.connectedAt;
  context.requestTimeEpoch = facts.requestTimeEpoch;
  context.identity = identity;
  if (facts.authorizer !== undefined) context.authorizer = { ...facts.authorizer };
  context.requestId = facts.requestId;
  context.domainName = facts.domainName;
  context.connectionId = facts.connectionId;
  context.apiId = facts.apiId;
  return context as WebSocketRequestContext;
}
