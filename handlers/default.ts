/**
 * `$default` route: answers with the event it received (the original sample's echo), so a client
 * sees its payload and the request context. The reply is capped below API Gateway's 128 KB
 * message limit: an oversized echo would be dropped by API Gateway.
 */
export interface WebSocketMessageEvent {
  requestContext: { routeKey: string; connectionId: string; eventType: string; [key: string]: unknown };
  body?: string;
  isBase64Encoded?: boolean;
  [key: string]: unknown;
}

export interface WebSocketResult {
  statusCode: number;
  body: string;
}

const MAX_REPLY_BYTES = 120 * 1024;

export async function handler(event: WebSocketMessageEvent): Promise<WebSocketResult> {
  const reply = JSON.stringify(event);
  if (Buffer.byteLength(reply) <= MAX_REPLY_BYTES) return { statusCode: 200, body: reply };
  const { body: _omitted, ...rest } = event;
  return { statusCode: 200, body: JSON.stringify({ ...rest, body: null, bodyOmitted: 'message too large to echo' }) };
}
