import type { NameValuePairs } from './types.ts';

export interface MultiValueMaps {
  single: Record<string, string>;
  multi: Record<string, string[]>;
}

/**
 * Splits received pairs into the event's single-value and multi-value maps. A repeated name
 * keeps every value in the multi-value map; the single-value map holds the last one (as
 * API Gateway's REST proxy events do; for WebSocket UNCONFIRMED). Names that differ only in
 * case are merged under the first spelling seen, because HTTP header names are
 * case-insensitive. Keys are defined, not assigned, so a name like `__proto__` stays an own key.
 */
export function toMultiValueMaps(pairs: NameValuePairs, caseInsensitive: boolean): MultiValueMaps {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const spellingByKey = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = caseInsensitive ? name.toLowerCase() : name;
    const spelling = spellingByKey.get(key) ?? name;
    spellingByKey.set(key, spelling);
    Object.defineProperty(single, spelling, { value, enumerable: true, writable: true, configurable: true });
    const values = Object.hasOwn(multi, spelling) ? multi[spelling] : undefined;
    if (values) values.push(value);
    else
      Object.defineProperty(multi, spelling, { value: [value], enumerable: true, writable: true, configurable: true });
  }
  return { single, multi };
}

/** Node's `IncomingMessage.rawHeaders` (`[name, value, name, value, …]`) as pairs, spelling kept. */
export function pairsFromRawHeaders(rawHeaders: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  return pairs;
}

/** A URL's query string (with or without `?`) as decoded pairs; `''` gives none. */
export function pairsFromQueryString(search: string): Array<[string, string]> {
  return [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)];
}
