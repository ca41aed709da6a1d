import { JSONPath } from 'jsonpath-plus';

/**
 * JSONPath as API Gateway evaluates it (Jayway JsonPath): a definite path (no
 * wildcard, deep scan, filter, slice or union) gives one value or nothing; an
 * indefinite path always gives a list, possibly empty.
 */
export type JsonPathResult = { found: true; value: unknown } | { found: false };

const INDEFINITE = /\.\.|\*|\?\(|\[[^\]]*[,:][^\]]*\]/;

/** Jayway prefixes `$.` to a path that starts with neither `$` nor `@`. */
export function normalizeJsonPath(path: string): string {
  return path.startsWith('$') || path.startsWith('@') ? path : `$.${path}`;
}

export function evaluateJsonPath(document: unknown, rawPath: string): JsonPathResult {
  const path = normalizeJsonPath(rawPath.trim());
  if (path === '$') return { found: true, value: document };
  // jsonpath-plus returns undefined instead of [] on a null document.
  if (document === null || typeof document !== 'object') {
    return INDEFINITE.test(path) ? { found: true, value: [] } : { found: false };
  }
  const results = JSONPath({ path, json: document, wrap: true, eval: 'safe' }) as unknown[];
  if (INDEFINITE.test(path)) return { found: true, value: results };
  return results.length === 0 ? { found: false } : { found: true, value: results[0] };
}

/** The body as JSON, or `{ ok: false }` when it is not JSON (then only `$` sees it, as raw text). */
export function parseBody(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    // Not an error: a WebSocket message may be any text, and templates may still use $input.body.
    return { ok: false };
  }
}
