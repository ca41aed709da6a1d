/**
 * Shapes of API Gateway WebSocket Lambda proxy events (docs/aws-behaviour.md#events) and of the inputs
 * the pure builders take. Field names and per-event presence follow captured AWS events.
 */

/** Name/value pairs in the order received; a name may repeat (multi-value aware). */
export type NameValuePairs = ReadonlyArray<readonly [name: string, value: string]>;

/** `requestContext.authorizer`: `{principalId, ...context, integrationLatency}` (exact WS key set UNCONFIRMED). */
export type AuthorizerContext = Readonly<Record<string, unknown>>;

/** Facts fixed for the life of one connection; every event of the connection carries them. */
export interface ConnectionFacts {
  connectionId: string;
  /** Epoch milliseconds of the handshake. */
  connectedAt: number;
  stage: string;
  apiId: string;
  domainName: string;
  sourceIp: string;
  /** The handshake's User-Agent; AWS puts it in `identity` only when the client sent one. */
  userAgent?: string;
  authorizer?: AuthorizerContext;
  /** The API key a `$connect` that required one validated (`identity.apiKey`, `identity.apiKeyId`). */
  apiKey?: { id: string; value: string };
}

/** Facts of one request (one handshake, one frame, one close). */
export interface RequestFacts {
  /** Also used as `extendedRequestId` (they are equal for WebSocket APIs). See `newRequestId()`. */
  requestId: string;
  /** Epoch milliseconds. */
  requestTimeEpoch: number;
}

export interface ConnectEventInput extends ConnectionFacts, RequestFacts {
  /** Handshake headers as received (spelling kept, duplicates kept). */
  headers: NameValuePairs;
  /** Decoded query string pairs; empty when the URL had no query string. */
  query: NameValuePairs;
}

export interface MessageEventInput extends ConnectionFacts, RequestFacts {
  routeKey: string;
  /** See `newRequestId()`; AWS uses the same 16-character format. */
  messageId: string;
  /** The raw text of the frame(s). */
  body: string;
  /** @default false (binary frames: UNCONFIRMED, the caller decides). */
  isBase64Encoded?: boolean;
}

export interface DisconnectEventInput extends ConnectionFacts, RequestFacts {
  disconnectStatusCode: number;
  disconnectReason: string;
}

export type WebSocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

export interface WebSocketIdentity {
  /** Only on connections whose `$connect` required an API key (docs/aws-behaviour.md#apigw-api-keys). */
  apiKey?: string;
  apiKeyId?: string;
  sourceIp: string;
  userAgent?: string;
}

export interface WebSocketRequestContext {
  routeKey: string;
  messageId?: string;
  disconnectStatusCode?: number;
  eventType: WebSocketEventType;
  extendedRequestId: string;
  requestTime: string;
  messageDirection: 'IN';
  disconnectReason?: string;
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: WebSocketIdentity;
  authorizer?: AuthorizerContext;
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
}

/** What `$connect` and `$disconnect` events share (docs/aws-behaviour.md#events). */
interface WebSocketSessionEvent {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  requestContext: WebSocketRequestContext;
  isBase64Encoded: false;
}

export interface WebSocketConnectEvent extends WebSocketSessionEvent {
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
}

export interface WebSocketMessageEvent {
  requestContext: WebSocketRequestContext;
  body: string;
  isBase64Encoded: boolean;
}

export type WebSocketDisconnectEvent = WebSocketSessionEvent;
