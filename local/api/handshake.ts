import type { IncomingMessage } from 'node:http';

/**
 * What the gateway reads from an upgrade request: Node's IncomingMessage, or the same request handed over in
 * process by the local edge (`ApiGatewayService.acceptUpgrade`). `socket` is the peer the API sees.
 */
export type UpgradeRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers' | 'rawHeaders'> & {
  socket: { remoteAddress?: string | undefined; localPort?: number | undefined };
};

/** What the gateway keeps from the upgrade request (headers in the client's spelling). */
export interface HandshakeRequest {
  sourceIp: string;
  userAgent: string | undefined;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  query: Record<string, string>;
  multiValueQuery: Record<string, string[]>;
}

/** True for `/{stage}` and `/{stage}/` (any query string): the only path a WebSocket API serves. */
export function isStagePath(rawUrl: string | undefined, stage: string): boolean {
  const pathname = new URL(rawUrl ?? '/', 'http://localhost').pathname;
  return pathname === `/${stage}` || pathname === `/${stage}/`;
}

/** `traceRoot` gives the X-Amzn-Trace-Id a request without one gets (one source per gateway: trace-id.ts). */
export function readHandshake(req: UpgradeRequest, traceRoot: () => string): HandshakeRequest {
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) appendValue(multiValueHeaders, raw[i] ?? '', raw[i + 1] ?? '');
  addForwardingHeaders(multiValueHeaders, sourceIp, traceRoot);
  const sortedHeaders = inHeaderMapOrder(multiValueHeaders);
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of new URL(req.url ?? '/', 'http://localhost').searchParams)
    appendValue(multiValueQuery, name, value);
  return {
    sourceIp,
    userAgent: req.headers['user-agent'],
    headers: lastValues(sortedHeaders),
    multiValueHeaders: sortedHeaders,
    query: lastValues(multiValueQuery),
    multiValueQuery,
  };
}

/**
 * API Gateway adds these for its integrations, as a client reached it: on port 443 over TLS, with an X-Ray trace
 * root (captured `$connect` event, docs/aws-behaviour.md#apigw-connect), whatever local port and scheme the client
 * used here. An existing X-Forwarded-For gets the peer appended; the others are added only when the client (or the
 * edge) sent none (UNCONFIRMED whether AWS replaces a client's own).
 */
function addForwardingHeaders(headers: Record<string, string[]>, sourceIp: string, traceRoot: () => string): void {
  const named = (lower: string) => Object.keys(headers).find((name) => name.toLowerCase() === lower);
  const forwardedFor = named('x-forwarded-for');
  if (forwardedFor === undefined) headers['X-Forwarded-For'] = [sourceIp];
  else headers[forwardedFor] = (headers[forwardedFor] ?? []).map((value) => `${value}, ${sourceIp}`);
  if (named('x-forwarded-port') === undefined) headers['X-Forwarded-Port'] = ['443'];
  if (named('x-forwarded-proto') === undefined) headers['X-Forwarded-Proto'] = ['https'];
  if (named('x-amzn-trace-id') === undefined) headers['X-Amzn-Trace-Id'] = [traceRoot()];
}

/**
 * API Gateway keeps request headers in a map ordered by name, ignoring case (Java's CASE_INSENSITIVE_ORDER): captured
 * events list them so whatever order the client sent (`Host`, `Origin`, `Sec-WebSocket-*`, `X-Amzn-Trace-Id`,
 * `X-Forwarded-*`), and so do execution logs (`{cookie=…, User-Agent=…, X-F…}`) (docs/aws-behaviour.md#events-connect).
 * The events and `$input.params().header`, printed or iterated, follow that order (a stable sort: names that differ
 * only in case keep the client's order; the event builders merge them as before).
 */
function inHeaderMapOrder(headers: Record<string, string[]>): Record<string, string[]> {
  const names = Object.keys(headers).sort((a, b) => {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Object.fromEntries(names.map((name) => [name, headers[name] ?? []]));
}

function appendValue(map: Record<string, string[]>, name: string, value: string): void {
  map[name] ??= [];
  map[name].push(value);
}

/** Single-value maps keep the last value, as API Gateway's `headers`/`queryStringParameters` do. */
function lastValues(map: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([name, values]) => [name, values.at(-1) ?? '']));
}
