import { compileSelectionExpression, type SelectionExpression } from '../../lang/selection/index.ts';
import type { RouteBinding } from './types.ts';

/**
 * Route selection for WebSocket messages (docs/aws-behaviour.md#apigw-route-selection): the expression is evaluated
 * on the message as JSON by the evaluator template selection uses too (lang/selection/); the result must equal a
 * route key exactly. A message that is not JSON goes to `$default`.
 */
const DEFAULT_ROUTE = '$default';
const RESERVED_ROUTES = new Set(['$connect', '$disconnect']);
const JSON_START = /^[ \t\n\r]*[{["\-0-9tfn]/;

/** How an expression is compiled: a gateway passes its cache (createSelectionExpressionCache), once per expression. */
type Compile = (expression: string) => SelectionExpression;

/** The evaluated selection key, or undefined when the message is not JSON (→ `$default`). */
export function evaluateRouteSelection(
  expression: string,
  message: string,
  compile: Compile = compileSelectionExpression,
): string | undefined {
  // Text that cannot start a JSON value would only make JSON.parse throw: skip the (costly) throw, same result.
  if (!JSON_START.test(message)) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(message);
  } catch {
    return undefined; // not JSON: AWS routes it to $default, no error
  }
  return compile(expression).keyFor(document);
}

/** The route for a message, or undefined when neither the key nor `$default` exists. */
export function selectRoute(
  routes: ReadonlyMap<string, RouteBinding>,
  expression: string,
  message: string,
  compile?: Compile,
): RouteBinding | undefined {
  const key = evaluateRouteSelection(expression, message, compile);
  // A message cannot select $connect/$disconnect (UNCONFIRMED; treated as non-matching).
  const direct = key !== undefined && !RESERVED_ROUTES.has(key) ? routes.get(key) : undefined;
  return direct ?? routes.get(DEFAULT_ROUTE);
}
