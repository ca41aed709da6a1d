/** Sends the (filtered) viewer request to the origin and reports how the origin answered. */
import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

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
 * `origin` gives host and port (plain ws/http only; the service rejects others when created). `path` is sent
 * verbatim (no URL normalisation), as CloudFront sends the rewritten URI.
 */
export function callOrigin(origin: URL, path: string, method: string, headers: Record<string, string | string[]>): OriginCall {
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  const port = Number(origin.port || 80);
  // Our own socket and no agent: every upgrade is a new connection anyway, and `agent: false` would
  // build (and tear down) an Agent per request.
  const request = http.request({ host, port, path, method, headers, createConnection: () => net.connect({ host, port }) });
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
    request.on('close', () => answered || resolve({ kind: 'unreachable', reason: 'the origin closed the connection without answering' }));
  });
  request.end();
  return { answer, abort: () => request.destroy() };
}
