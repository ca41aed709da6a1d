/** Node's `IncomingMessage.headers` built from `rawHeaders`, for a request that never went through Node's parser. */
import type { IncomingHttpHeaders } from 'node:http';

/** Headers whose repeats Node drops (the first value wins), as `_http_incoming.js` matchKnownFields lists them. */
const FIRST_VALUE_WINS = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);

/** Lower-case names; `set-cookie` is a list, repeated `cookie` values join with '; ', other repeats with ', '. */
export function nodeHeaderMap(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = rawHeaders[index + 1] ?? '';
    const existing = headers[name];
    if (name === 'set-cookie') headers[name] = [...(Array.isArray(existing) ? existing : []), value];
    else if (existing === undefined) headers[name] = value;
    else if (FIRST_VALUE_WINS.has(name)) continue;
    else headers[name] = `${String(existing)}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return headers as IncomingHttpHeaders;
}
