/**
 * CloudFront origin custom headers (`Origins[].OriginCustomHeaders`): headers CloudFront adds to every request it
 * sends to that origin. A viewer header of the same name is replaced, never passed on, so a viewer cannot supply or
 * duplicate one (the API's proof that a handshake came through the edge relies on it). CloudFront refuses some names
 * in its configuration (Developer Guide, "Custom headers that CloudFront can't add to origin requests"); so does this.
 */

export interface OriginCustomHeader {
  name: string;
  value: string;
}

const REFUSED_NAMES = new Set([
  'cache-control',
  'connection',
  'content-length',
  'cookie',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'max-forwards',
  'pragma',
  'proxy-authorization',
  'proxy-connection',
  'range',
  'request-range',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'x-real-ip',
]);
const REFUSED_PREFIXES = ['x-amz-', 'x-edge-'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What is wrong with each entry of a resolved `OriginCustomHeaders` list, at `field`. */
export function originCustomHeaderProblems(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    return [`${field}: must be a list of {HeaderName, HeaderValue} (got ${JSON.stringify(value)})`];
  return value.flatMap((entry: unknown, index) => {
    const at = `${field}[${index}]`;
    const { HeaderName: name, HeaderValue: text } = (entry ?? {}) as { HeaderName?: unknown; HeaderValue?: unknown };
    if (typeof name !== 'string' || !TOKEN.test(name))
      return [`${at}.HeaderName: must be an HTTP header name (got ${JSON.stringify(name)})`];
    const lower = name.toLowerCase();
    if (REFUSED_NAMES.has(lower) || REFUSED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
      return [`${at}.HeaderName: CloudFront cannot add ${JSON.stringify(name)} to origin requests`];
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: header values with control characters are refused.
    if (typeof text !== 'string' || /[\u0000-\u001f\u007f]/.test(text))
      return [`${at}.HeaderValue: must be text without control characters`];
    return [];
  });
}

/** The validated list (`originCustomHeaderProblems` found nothing). */
export function originCustomHeaders(value: unknown): OriginCustomHeader[] {
  return ((value ?? []) as Array<{ HeaderName: string; HeaderValue: string }>).map((entry) => ({
    name: entry.HeaderName,
    value: entry.HeaderValue,
  }));
}

/** Adds the custom headers to an origin request's headers, replacing any of the same name (any case). */
export function applyOriginCustomHeaders(
  headers: Record<string, string | string[]>,
  custom: readonly OriginCustomHeader[],
): void {
  for (const { name, value } of custom) {
    for (const existing of Object.keys(headers))
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
}
