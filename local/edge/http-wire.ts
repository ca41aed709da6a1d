/** Writes an HTTP/1.1 response straight onto a socket (upgrade requests have no ServerResponse). */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export type HeaderLines = [name: string, value: string][];

/** Answers and ends the socket; `Content-Length` and `Connection: close` are always set here. */
export function writeHttpResponse(
  socket: Duplex,
  statusCode: number,
  statusMessage: string | undefined,
  headers: HeaderLines,
  body: Buffer,
): void {
  if (socket.destroyed || !socket.writable) return;
  const framing = new Set(['content-length', 'connection', 'transfer-encoding']);
  const lines = [
    `HTTP/1.1 ${statusCode} ${sanitize(statusMessage ?? STATUS_CODES[statusCode] ?? 'Unknown')}`,
    ...headers.filter(([name]) => !framing.has(name.toLowerCase())).map(([name, value]) => headerLine(name, value)),
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

/** One `Name: value` line of a response head. */
export function headerLine(name: string, value: string): string {
  return `${name}: ${sanitize(value)}`;
}

/** The 101 that completes the viewer's upgrade, relaying the origin's handshake headers. */
export function writeSwitchingProtocols(socket: Duplex, headers: HeaderLines): void {
  const lines = ['HTTP/1.1 101 Switching Protocols', ...headers.map(([name, value]) => headerLine(name, value))];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Node's rawHeaders (`[name, value, ...]`) → lines. */
export function headerLinesOf(rawHeaders: string[]): HeaderLines {
  const lines: HeaderLines = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2)
    lines.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  return lines;
}

/** A CR or LF in a value would split the response (header injection); CloudFront would not send one either. */
function sanitize(text: string): string {
  return text.includes('\r') || text.includes('\n') ? text.replace(/[\r\n]+/g, ' ') : text;
}
