/**
 * Conversions between wire text (query strings, Cookie headers, raw header lists) and the event's value maps.
 * Query values stay exactly as the viewer sent them (percent-encoding kept), so what the origin gets is what
 * the viewer sent unless the function changed it.
 */
import type { ValueMap } from '../../lang/cloudfront-js/index.ts';

export type NameValuePairs = [name: string, value: string][];

export function pairsToValueMap(pairs: NameValuePairs): ValueMap {
  const map: ValueMap = {};
  for (const [name, value] of pairs) {
    const existing = Object.hasOwn(map, name) ? map[name] : undefined;
    if (!existing) map[name] = { value };
    else existing.multiValue = [...(existing.multiValue ?? [{ value: existing.value }]), { value }];
  }
  return map;
}

/** `multiValue`, when present, wins over `value` (edits to it are what CloudFront uses). */
export function valueMapToPairs(map: ValueMap): NameValuePairs {
  const pairs: NameValuePairs = [];
  for (const [name, entry] of Object.entries(map)) {
    const values =
      entry.multiValue && entry.multiValue.length > 0 ? entry.multiValue.map((item) => item.value) : [entry.value];
    for (const value of values) pairs.push([name, value]);
  }
  return pairs;
}

/** `a=1&a=2&flag` → pairs; a name without `=` gets the empty value. */
export function parseQueryString(text: string): NameValuePairs {
  return text
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return equals < 0 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    });
}

export function serializeQueryString(pairs: NameValuePairs): string {
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** `a=1; b=2` (possibly several Cookie headers) → pairs. */
export function parseCookieHeaders(values: string[]): NameValuePairs {
  const pairs: NameValuePairs = [];
  for (const header of values) {
    for (const part of header.split(';')) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      const equals = trimmed.indexOf('=');
      pairs.push(equals < 0 ? [trimmed, ''] : [trimmed.slice(0, equals), trimmed.slice(equals + 1)]);
    }
  }
  return pairs;
}

export function serializeCookies(pairs: NameValuePairs): string {
  return pairs.map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Node's `rawHeaders` (`[name, value, name, value, ...]`) → pairs with lower-case names. */
export function lowerCaseHeaderPairs(rawHeaders: string[]): NameValuePairs {
  const pairs: NameValuePairs = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([(rawHeaders[index] ?? '').toLowerCase(), rawHeaders[index + 1] ?? '']);
  }
  return pairs;
}
