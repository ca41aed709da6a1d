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

export function readHandshake(req: UpgradeRequest): HandshakeRequest {
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) appendValue(multiValueHeaders, raw[i] ?? '', raw[i + 1] ?? '');
  addForwardingHeaders(multiValueHeaders, sourceIp, req.socket.localPort);
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of new URL(req.url ?? '/', 'http://localhost').searchParams) appendValue(multiValueQuery, name, value);
  return {
    sourceIp,
    userAgent: req.headers['user-agent'],
    headers: lastValues(multiValueHeaders),
    multiValueHeaders,
    query: lastValues(multiValueQuery),
    multiValueQuery,
  };
}

/** API Gateway adds these for its integrations (docs/aws-behaviour.md#events-connect); an existing X-Forwarded-For gets the peer appended. */
function addForwardingHeaders(headers: Record<string, string[]>, sourceIp: string, localPort: number | undefined): void {
  const forwardedFor = Object.keys(headers).find((name) => name.toLowerCase() === 'x-forwarded-for');
  if (forwardedFor === undefined) headers['X-Forwarded-For'] = [sourceIp];
  else headers[forwardedFor] = (headers[forwardedFor] ?? []).map((value) => `${value}, ${sourceIp}`);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-forwarded-port')) headers['X-Forwarded-Port'] = [String(localPort ?? '')];
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-forwarded-proto')) headers['X-Forwarded-Proto'] = ['http'];
}

function appendValue(map: Record<string, string[]>, name: string, value: string): void {
  map[name] ??= [];
  map[name].push(value);
}

/** Single-value maps keep the last value, as API Gateway's `headers`/`queryStringParameters` do. */
function lastValues(map: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([name, values]) => [name, values.at(-1) ?? '']));
}
