/**
 * Hand-written HTTP requests on a raw TCP socket: what a hostile client sends (malformed upgrades, huge or broken
 * headers, slow bodies), and what comes back before the server closes the socket.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the response, or undefined when the socket closed with no response at all. */
  status: number | undefined;
  /** Header lines of the response, lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

/** Sends `chunks` (strings written in order, `delayMs` apart) and reads until the server closes or `timeoutMs` ends. */
export function rawExchange(
  url: string,
  chunks: readonly string[],
  timeoutMs: number,
  delayMs = 0,
): Promise<RawAnswer & { closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', () => {
      closedByServer = true;
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
      else closedByServer = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseResponse(Buffer.concat(received).toString('latin1')), closedByServer });
    });
    socket.once('connect', async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0 && delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
        if (socket.destroyed) return;
        socket.write(chunk);
      }
    });
  });
}

/** A WebSocket upgrade request for `url` with `headers` (a value of undefined leaves that header out). */
export function upgradeRequest(url: string, headers: Record<string, string | undefined>, method = 'GET'): string {
  const target = new URL(url);
  const base: Record<string, string | undefined> = {
    Host: target.host,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
  };
  const lines = Object.entries({ ...base, ...headers })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return `${method} ${target.pathname}${target.search} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function parseResponse(text: string): RawAnswer {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n/.exec(text);
  if (!match) return { status: undefined, headers: {}, body: text };
  const headerEnd = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(match[0].length, headerEnd).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: headerEnd < 0 ? '' : text.slice(headerEnd + 4) };
}
