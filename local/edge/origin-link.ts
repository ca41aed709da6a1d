/**
 * The origin in the same process (the local API stage): instead of a loopback TCP connection, the edge hands the
 * viewer's socket over together with the request the origin would have received on the wire. The origin then
 * answers the handshake on that socket and owns it; the edge adds its response headers and keeps its idle rule.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { nodeHeaderMap } from './node-headers.ts';

/** What an origin HTTP server would see: Node's parsed request fields, and the connecting peer (the edge). */
export interface ForwardedUpgradeRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  socket: { remoteAddress: string; localPort: number };
}

export interface OriginLink {
  /** Answers the upgrade on `socket` (101 or a refusal) with `extraHeaders` (`Name: value` lines) added. */
  acceptUpgrade(request: ForwardedUpgradeRequest, socket: Duplex, head: Buffer, extraHeaders: readonly string[]): void;
}

/**
 * The request as Node's HTTP client would send it to `origin` and Node's server would parse it: the headers in
 * order (an array value is one line per value) and `Host` last when the policy sent none.
 */
export function forwardedUpgradeRequest(
  origin: URL,
  path: string,
  headers: Record<string, string | string[]>,
  method = 'GET',
): ForwardedUpgradeRequest {
  const rawHeaders: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const single of Array.isArray(value) ? value : [value]) rawHeaders.push(name, single);
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'host')) rawHeaders.push('Host', origin.host);
  // A loopback origin sees the edge connect from the origin's own address; its local port is the origin's.
  const peer = { remoteAddress: origin.hostname.replace(/^\[|\]$/g, ''), localPort: Number(origin.port || 80) };
  return { method, url: path, rawHeaders, headers: nodeHeaderMap(rawHeaders), socket: peer };
}
