import { compileSelectionExpression, type SelectionExpression } from '../selection/index.ts';
import { parseBody } from './json-path.ts';

/**
 * API Gateway's request template selection for WebSocket integrations. The selection expression is static
 * (`$default`, also written `\$default` to get it through CloudFormation's Fn::Sub, or any other key) or reads the
 * JSON body (`${request.body.<jsonpath>}`), evaluated as route selection evaluates it (lang/selection/): a missing
 * part prints "" and the rest of the key stays. The key is looked up in the templates; no match, or a body that is
 * not JSON, falls back to the `$default` template.
 */
const DEFAULT_KEY = '$default';

/** `compile`: how the expression is compiled (a gateway passes its cache: createSelectionExpressionCache). */
export function selectRequestTemplate(
  templates: Record<string, string>,
  selectionExpression: string | undefined,
  body: string,
  compile: (expression: string) => SelectionExpression = compileSelectionExpression,
): string | undefined {
  const key =
    selectionExpression === undefined ? DEFAULT_KEY : evaluateSelectionExpression(compile(selectionExpression), body);
  if (key !== undefined && Object.hasOwn(templates, key)) return templates[key];
  return Object.hasOwn(templates, DEFAULT_KEY) ? templates[DEFAULT_KEY] : undefined;
}

/** The selection key, or undefined when the expression reads a body that is not JSON. */
function evaluateSelectionExpression(compiled: SelectionExpression, body: string): string | undefined {
  if (compiled.staticKey !== undefined) return compiled.staticKey;
  const parsed = parseBody(body);
  return parsed.ok ? compiled.keyFor(parsed.value) : undefined;
}
