/**
 * Sends the (filtered) viewer request to the origin over TCP and reports how the origin answered: the path for every
 * plain HTTP request, and for upgrades when the origin is not in this process (another process, or a deployed API
 * over TLS).
 */
import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export type OriginAnswer =
  | { kind: 'upgraded'; response: IncomingMessage; socket: Duplex; head: Buffer }
  | { kind: 'response'; response: IncomingMessage; body: Buffer }
  | { kind: 'unreachable'; reason: string };

export interface OriginCall {
  answer: Promise<OriginAnswer>;
  /** Gives up (the viewer went away); the answer then resolves as unreachable. */
  abort(): void;
}

/**
 * `origin` gives scheme, host and port: ws/http over TCP, wss/https over TLS (verified against the system's CAs,
 * or `ca` when given). `path` is sent verbatim (no URL normalisation), as CloudFront sends the rewritten URI.
 */
export function callOrigin(
  origin: URL,
  path: string,
  method: string,
  headers: Record<string, string | string[]>,
  ca?: string,
): OriginCall {
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  const secure = origin.protocol === 'wss:' || origin.protocol === 'https:';
  const port = Number(origin.port || (secure ? 443 : 80));
  // SNI carries host names only, never an address.
  const connect = secure
    ? () =>
        tls.connect({
          host,
          port,
          ALPNProtocols: ['http/1.1'],
          ...(net.isIP(host) === 0 ? { servername: host } : {}),
          ...(ca === undefined ? {} : { ca }),
        })
    : () => net.connect({ host, port });
  // Our own socket and no agent: every upgrade is a new connection anyway, and `agent: false` would
  // build (and tear down) an Agent per request.
  // defaultPort: Host is `host` alone on the scheme's own port (443 for TLS), as CloudFront sends it.
  const request = http.request({
    host,
    port,
    defaultPort: secure ? 443 : 80,
    path,
    method,
    headers,
    createConnection: connect,
  });
  let answered = false;
  const answer = new Promise<OriginAnswer>((resolve) => {
    request.on('upgrade', (response, socket, head) => {
      answered = true;
      resolve({ kind: 'upgraded', response, socket, head });
    });
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ kind: 'response', response, body: Buffer.concat(chunks) }));
      response.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
    });
    request.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
    request.on(
      'close',
      () => answered || resolve({ kind: 'unreachable', reason: 'the origin closed the connection without answering' }),
    );
  });
  request.end();
  return { answer, abort: () => request.destroy() };
}
