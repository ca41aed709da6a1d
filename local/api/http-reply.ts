import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Header lines a response carries as `Name: value` (already free of CR/LF). */
export type ResponseHeaderLines = readonly string[];

/**
 * Refuses a pending upgrade with a plain HTTP response, then closes the socket. `extraHeaders` are what the local
 * edge adds when it hands a viewer's upgrade over in process; they sit where the edge's relay puts them.
 */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  body: string,
  extraHeaders: ResponseHeaderLines = [],
): void {
  if (socket.destroyed) return;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`,
    'Content-Type: application/json',
    ...extraHeaders,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** A JSON answer on the HTTP side (@connections); `errorType` sets `x-amzn-ErrorType` like AWS. */
export function sendJson(res: ServerResponse, status: number, body: string, errorType?: string): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  };
  if (errorType !== undefined) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers).end(body);
}

export const FORBIDDEN_BODY = '{"message":"Forbidden"}';
/** API Gateway's answer over a throttle: a route's, a usage plan's, `@connections`' (docs/aws-behaviour.md#apigw-throttling). */
export const THROTTLED_BODY = '{"message":"Too Many Requests"}';
