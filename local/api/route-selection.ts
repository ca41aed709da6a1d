import { JSONPath } from 'jsonpath-plus';
import type { RouteBinding } from './types.ts';

/**
 * Route selection for WebSocket messages (docs/aws-behaviour.md#apigw-route-selection). The expression mixes
 * static text, `\$` (a literal dollar) and `$request.body.<jsonpath>` /
 * `${request.body.<jsonpath>}` parts; each part's value is stringified, a path that
 * does not resolve gives "". The result must equal a route key exactly.
 */
const TOKEN = /\\\$|\$\{request\.body([^}]*)\}|\$request\.body((?:\.[A-Za-z0-9_-]+|\[[^\]]*\])*)/g;

const DEFAULT_ROUTE = '$default';
const RESERVED_ROUTES = new Set(['$connect', '$disconnect']);
const JSON_START = /^[ \t\n\r]*[{["\-0-9tfn]/;

/** The evaluated selection key, or undefined when the message is not JSON (→ `$default`). */
export function evaluateRouteSelection(expression: string, message: string): string | undefined {
  // Text that cannot start a JSON value would only make JSON.parse throw: skip the (costly) throw, same result.
  if (!JSON_START.test(message)) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(message);
  } catch {
    return undefined; // not JSON: AWS routes it to $default, no error
  }
  return expression.replace(TOKEN, (token, braced: string | undefined, bare: string | undefined) => {
    if (token === '\\$') return '$';
    return stringifySelected(lookup(document, braced ?? bare ?? ''));
  });
}

/** The route for a message, or undefined when neither the key nor `$default` exists. */
export function selectRoute(routes: ReadonlyMap<string, RouteBinding>, expression: string, message: string): RouteBinding | undefined {
  const key = evaluateRouteSelection(expression, message);
  // A message cannot select $connect/$disconnect (UNCONFIRMED; treated as non-matching).
  const direct = key !== undefined && !RESERVED_ROUTES.has(key) ? routes.get(key) : undefined;
  return direct ?? routes.get(DEFAULT_ROUTE);
}

function lookup(document: unknown, path: string): unknown {
  if (document === null || typeof document !== 'object') return undefined; // "hello", 42: nothing to select
  const results = JSONPath({ path: `$${path}`, json: document, wrap: true, eval: false }) as unknown[];
  return results[0];
}

/** Strings as-is, arrays Java-style `[a, b]` (the doc's only example), objects as JSON. */
function stringifySelected(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(stringifySelected).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
