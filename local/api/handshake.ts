import type { IncomingMessage } from 'node:http';
import { setOwn } from '../shared/set-own.ts';

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
  if (rawUrl !== undefined && isPlainStagePath(rawUrl, stage)) return true;
  const pathname = new URL(rawUrl ?? '/', 'http://localhost').pathname;
  return pathname === `/${stage}` || pathname === `/${stage}/`;
}

/** Stage names whose path the URL parser leaves as it is: no percent-encoding, dot segments or backslashes. */
const PLAIN_STAGE = /^[A-Za-z0-9_-]+$/;

/**
 * `/{stage}` or `/{stage}/` as the request's path, exactly, followed by nothing, a query or a fragment: the URL
 * parser would give that pathname too, so the common request skips a URL parse (a few µs per connection). Anything
 * else (another path, a stage name with other characters, tabs or newlines the parser strips) answers false, and the
 * URL parser decides.
 */
function isPlainStagePath(rawUrl: string, stage: string): boolean {
  if (!PLAIN_STAGE.test(stage) || !rawUrl.startsWith(stage, 1) || rawUrl[0] !== '/') return false;
  let end = stage.length + 1;
  if (rawUrl[end] === '/') end += 1;
  const next = rawUrl[end];
  return next === undefined || next === '?' || next === '#';
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
  // The first name of each, ignoring case: one pass over the names, each lower-cased once.
  let forwardedFor: string | undefined;
  let forwardedPort: string | undefined;
  let forwardedProto: string | undefined;
  let traceId: string | undefined;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor ??= name;
    else if (lower === 'x-forwarded-port') forwardedPort ??= name;
    else if (lower === 'x-forwarded-proto') forwardedProto ??= name;
    else if (lower === 'x-amzn-trace-id') traceId ??= name;
  }
  if (forwardedFor === undefined) headers['X-Forwarded-For'] = [sourceIp];
  else headers[forwardedFor] = (headers[forwardedFor] ?? []).map((value) => `${value}, ${sourceIp}`);
  if (forwardedPort === undefined) headers['X-Forwarded-Port'] = ['443'];
  if (forwardedProto === undefined) headers['X-Forwarded-Proto'] = ['https'];
  if (traceId === undefined) headers['X-Amzn-Trace-Id'] = [traceRoot()];
}

/**
 * API Gateway keeps request headers in a map ordered by name, ignoring case (Java's CASE_INSENSITIVE_ORDER): captured
 * events list them so whatever order the client sent (`Host`, `Origin`, `Sec-WebSocket-*`, `X-Amzn-Trace-Id`,
 * `X-Forwarded-*`), and so do execution logs (`{cookie=…, User-Agent=…, X-F…}`) (docs/aws-behaviour.md#events-connect).
 * The events and `$input.params().header`, printed or iterated, follow that order (a stable sort: names that differ
 * only in case keep the client's order; the event builders merge them as before).
 */
function inHeaderMapOrder(headers: Record<string, string[]>): Record<string, string[]> {
  // Each name lower-cased once, not twice per comparison.
  const names = Object.keys(headers).map((name) => ({ name, lower: name.toLowerCase() }));
  names.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
  const sorted: Record<string, string[]> = {};
  for (const { name } of names) setOwn(sorted, name, headers[name] ?? []);
  return sorted;
}

function appendValue(map: Record<string, string[]>, name: string, value: string): void {
  map[name] ??= [];
  map[name].push(value);
}

/** Single-value maps keep the last value, as API Gateway's `headers`/`queryStringParameters` do. */
function lastValues(map: Record<string, string[]>): Record<string, string> {
  const last: Record<string, string> = {};
  for (const name of Object.keys(map)) setOwn(last, name, map[name]?.at(-1) ?? '');
  return last;
}
