import { evaluateJsonPath, parseBody } from './json-path.ts';

/**
 * API Gateway's request template selection for WebSocket integrations. The selection
 * expression is either static (`$default`, also written `\$default` to get it through
 * CloudFormation's Fn::Sub, or any other key) or contains `${request.body.<jsonpath>}`
 * parts evaluated on the JSON body. The result is looked up in the templates; no match
 * (or an expression part that finds nothing) falls back to the `$default` template.
 */
const DEFAULT_KEY = '$default';
const ESCAPED_DEFAULT_KEY = '\\$default';
const BODY_REF = /\$\{request\.body((?:[.[][^}]*)?)\}/g;

export function selectRequestTemplate(templates: Record<string, string>, selectionExpression: string | undefined, body: string): string | undefined {
  const key = selectionExpression === undefined ? DEFAULT_KEY : evaluateSelectionExpression(selectionExpression, body);
  if (key !== undefined && Object.hasOwn(templates, key)) return templates[key];
  return Object.hasOwn(templates, DEFAULT_KEY) ? templates[DEFAULT_KEY] : undefined;
}

/** The selection key, or undefined when a `${request.body...}` part cannot be evaluated. */
function evaluateSelectionExpression(expression: string, body: string): string | undefined {
  // Every integration is selected on every request: skip the regex work for the usual `$default`/`\$default`.
  if (expression === DEFAULT_KEY || expression === ESCAPED_DEFAULT_KEY) return DEFAULT_KEY;
  const unescaped = expression.replace(/\\\$/g, '$');
  if (!/\$\{request\.body/.test(unescaped)) return unescaped;
  const parsed = parseBody(body);
  let missing = false;
  const key = unescaped.replace(BODY_REF, (_match, rest: string) => {
    const result = parsed.ok ? evaluateJsonPath(parsed.value, `$${rest}`) : { found: false as const };
    if (!result.found || result.value === null || result.value === undefined) {
      missing = true;
      return '';
    }
    // A string selects by its text; other JSON values by their JSON text (e.g. 1, true).
    return typeof result.value === 'string' ? result.value : JSON.stringify(result.value);
  });
  return missing ? undefined : key;
}
