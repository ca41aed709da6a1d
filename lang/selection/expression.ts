import { evaluateJsonPath } from '../vtl/json-path.ts';

/**
 * API Gateway's selection expressions over a WebSocket message, one evaluator for the route selection expression
 * and the integration's template selection expression (docs/aws-behaviour.md#apigw-route-selection): static text,
 * `\$` (a literal dollar, how templates get `$default` through Fn::Sub) and `$request.body.<jsonpath>` or
 * `${request.body.<jsonpath>}` parts. Each part prints its value: a string as itself, an array Java-style
 * (`[a, b]`, the docs' only example), an object as JSON, and a missing path or a JSON null as "" without dropping
 * the rest of the key (the docs' `join-` example).
 */
export interface SelectionExpression {
  /** The key when the expression reads nothing from the body (`$default`, `\$default`, `join`). */
  readonly staticKey: string | undefined;
  /** The key for a parsed JSON body. */
  keyFor(document: unknown): string;
}

const TOKEN = /\\\$|\$\{request\.body([^}]*)\}|\$request\.body((?:\.[A-Za-z0-9_-]+|\[[^\]]*\])*)/g;
/** `.a.b-c.d_e`: walked property by property, the usual route selection path, without a JSONPath engine. */
const DOTTED = /^(?:\.[A-Za-z0-9_-]+)+$/;

type Part = string | ((document: unknown) => string);

export function compileSelectionExpression(expression: string): SelectionExpression {
  const parts: Part[] = [];
  let last = 0;
  for (const match of expression.matchAll(TOKEN)) {
    if (match.index > last) parts.push(expression.slice(last, match.index));
    parts.push(match[0] === '\\$' ? '$' : bodyPart(match[1] ?? match[2] ?? ''));
    last = match.index + match[0].length;
  }
  if (last < expression.length) parts.push(expression.slice(last));
  const staticKey = parts.every((part) => typeof part === 'string') ? parts.join('') : undefined;
  return {
    staticKey,
    keyFor: (document) => staticKey ?? parts.map((part) => (typeof part === 'string' ? part : part(document))).join(''),
  };
}

/**
 * `compileSelectionExpression`, remembered per expression text. A stack's expressions come from its template (few,
 * fixed), and each request would otherwise compile its integration's again.
 */
export function createSelectionExpressionCache(): (expression: string) => SelectionExpression {
  const compiled = new Map<string, SelectionExpression>();
  return (expression) => {
    let found = compiled.get(expression);
    if (found === undefined) {
      found = compileSelectionExpression(expression);
      compiled.set(expression, found);
    }
    return found;
  };
}

function bodyPart(path: string): (document: unknown) => string {
  if (DOTTED.test(path)) {
    const names = path.slice(1).split('.');
    return (document) => printSelected(walk(document, names));
  }
  return (document) => {
    if (document === null || typeof document !== 'object') return ''; // "hello", 42: nothing to select
    const result = evaluateJsonPath(document, `$${path}`);
    return result.found ? printSelected(result.value) : '';
  };
}

/** Own properties only: a message's `constructor` or `__proto__` is data, never the prototype's. */
function walk(value: unknown, names: readonly string[]): unknown {
  let current = value;
  for (const name of names) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/** How a selected value becomes (part of) a key. */
function printSelected(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(printSelected).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
