import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Refuses a pending upgrade with a plain HTTP response, then closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, body: string): void {
  if (socket.destroyed) return;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** A JSON answer on the HTTP side (@connections); `errorType` sets `x-amzn-ErrorType` like AWS. */
export function sendJson(res: ServerResponse, status: number, body: string, errorType?: string): void {
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
  if (errorType !== undefined) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers).end(body);
}

export const FORBIDDEN_BODY = '{"message":"Forbidden"}';
