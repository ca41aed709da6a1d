import { setOwn } from '../shared/set-own.ts';
import type { MappedParameters } from './request-parameters.ts';
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

/**
 * What an HTTP or HTTP_PROXY integration sends: the message (or the rendered template) to the URL, with the
 * integration's method. `mapped` (the integration's `RequestParameters`) adds headers, replacing a forwarded one of
 * the same name in any case, and query string parameters, replacing one of the URL's of the same name.
 */
export function httpCall(
  url: string,
  method: string,
  eventType: EventType,
  input: EventInput,
  body: string,
  forwardHeaders: boolean,
  mapped?: MappedParameters,
): HttpCall {
  const headers: Record<string, string> = {};
  // Built only for an integration with mappings: the call of one without them allocates nothing more than before.
  const mappedNames =
    mapped === undefined ? NO_NAMES : new Set(Object.keys(mapped.headers).map((name) => name.toLowerCase()));
  if (forwardHeaders && eventType === 'connect') {
    for (const [name, value] of Object.entries(input.headers)) {
      const lower = name.toLowerCase();
      if (!NOT_FORWARDED.has(lower) && !mappedNames.has(lower)) setOwn(headers, name, value);
    }
  }
  if (mapped !== undefined) for (const [name, value] of Object.entries(mapped.headers)) setOwn(headers, name, value);
  const verb = method.toUpperCase();
  return {
    url: mapped === undefined ? url : withQuery(url, mapped.query),
    method: verb,
    body: verb === 'GET' || verb === 'HEAD' ? undefined : body,
    headers,
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();

function withQuery(url: string, query: Record<string, string>): string {
  const names = Object.keys(query);
  if (names.length === 0) return url;
  const target = new URL(url);
  for (const name of names) target.searchParams.set(name, query[name] as string);
  return target.href;
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
