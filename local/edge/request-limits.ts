/**
 * What CloudFront refuses before a request reaches the function, and how: "Maximum length of a request, including
 * headers and query strings, but not including the body content: 20,480 bytes; maximum length of a URL: 8,192
 * bytes" (CloudFront quotas), answered with 413 Request Entity Too Large before the TCP connection is closed
 * (CloudFront Developer Guide, "Request and response behavior for custom origins", maximum length of a request).
 */
import type { IncomingMessage } from 'node:http';
import type { ClientErrorAnswers } from '../shared/client-error.ts';

/** Node's `maxHeaderSize` counts the request line and the headers: CloudFront's request length. */
export const MAX_REQUEST_HEAD_BYTES = 20_480;
export const MAX_URL_BYTES = 8_192;

/** CloudFront's error pages are HTML; a short text in the shape of the edge's other errors stands in for them. */
const errorPage = (status: number, reason: string) => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: `${status} ERROR\nThe request could not be satisfied.\n${reason}\n`,
});

/** 413 is CloudFront's documented answer to an oversized request; 400 and 408 (a client too slow) are UNCONFIRMED. */
export const EDGE_CLIENT_ERROR_ANSWERS: ClientErrorAnswers = {
  'header-overflow': errorPage(413, 'Request Entity Too Large'),
  timeout: errorPage(408, 'Request Timeout'),
  malformed: errorPage(400, 'Bad Request'),
};

export const URL_TOO_LONG = errorPage(413, 'Request Entity Too Large');

/** A request target as the edge logs it: the path only, since query strings carry tokens and credentials. */
export function loggablePath(url: string | undefined): string {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return query < 0 ? target : `${target.slice(0, query)}?…`;
}

/** CloudFront's URL limit: the target plus scheme and host (the Host header), in bytes. */
export function urlTooLong(request: IncomingMessage): boolean {
  return Buffer.byteLength(`https://${request.headers.host ?? ''}${request.url ?? '/'}`) > MAX_URL_BYTES;
}
