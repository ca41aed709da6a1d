import type { AwsServiceResponse, EventInput, EventType } from './types.ts';

/** Handshake headers API Gateway does not pass on: the WebSocket upgrade's own and the hop-by-hop ones (RFC 9110 §7.6.1). */
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'content-length',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
]);

export interface HttpCall {
  url: string;
  method: string;
  /** undefined: no body (GET and HEAD cannot carry one) */
  body: string | undefined;
  /** the handshake's headers on `$connect` (HTTP_PROXY), none otherwise */
  headers: Record<string, string>;
}

/** What an HTTP or HTTP_PROXY integration sends: the message (or the rendered template) to the URL, with the integration's method. */
export function httpCall(
  url: string,
  method: string,
  eventType: EventType,
  input: EventInput,
  body: string,
  forwardHeaders: boolean,
): HttpCall {
  const headers: Record<string, string> = {};
  if (forwardHeaders && eventType === 'connect') {
    for (const [name, value] of Object.entries(input.headers))
      if (!NOT_FORWARDED.has(name.toLowerCase())) headers[name] = value;
  }
  const upper = method.toUpperCase();
  return { url, method: upper, body: upper === 'GET' || upper === 'HEAD' ? undefined : body, headers };
}

/** Sends the call; `signal` ends it when the integration times out. Network failures reject (an integration failure). */
export async function sendHttpCall(call: HttpCall, signal: AbortSignal): Promise<AwsServiceResponse> {
  const response = await fetch(call.url, {
    method: call.method,
    headers: call.headers,
    signal,
    redirect: 'manual',
    ...(call.body === undefined ? {} : { body: call.body }),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { statusCode: response.status, headers, body: await response.text() };
}
