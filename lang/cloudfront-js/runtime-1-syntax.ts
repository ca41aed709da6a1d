/**
 * The syntax newer than ES 5.1 that cloudfront-js-1.0 refuses. AWS lists what the runtime supports ("The following
 * topics list all the supported language features"): ES 5.1, the ES 7 exponentiation operator, ES 6 template
 * literals, arrow functions and rest parameters, and ES 9 named capture groups in regular expressions; `const` and
 * `let` are named as not supported. Every other ES 6+ form is refused here.
 * Source: CloudFront Developer Guide, "JavaScript runtime 1.0 features for CloudFront Functions",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html
 * The grammar is ES2018 (runtime-gate.ts), so ES2019+ syntax (optional catch binding, `?.`, `??`, BigInt) fails
 * to parse before this walk runs.
 */
import type { AnyNode } from './ast-walk.ts';

/** Node types that exist only for syntax the list leaves out. */
const REFUSED_NODE_TYPES: Readonly<Record<string, string>> = {
  ClassDeclaration: 'classes',
  ClassExpression: 'classes',
  ForOfStatement: 'for-of loops',
  ObjectPattern: 'destructuring',
  ArrayPattern: 'destructuring',
  AssignmentPattern: 'default values in parameters or destructuring',
  SpreadElement: 'spread syntax (...) in calls, arrays or objects (rest parameters are allowed)',
  TaggedTemplateExpression: 'tagged templates',
  MetaProperty: 'new.target',
};

/** An odd number of backslashes before `u{`: an ES 6 code point escape, not an escaped backslash. */
const CODE_POINT_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u\{/;

export function runtime1Refusal(node: AnyNode): string | undefined {
  if (node.type === 'VariableDeclaration' && node['kind'] !== 'var') {
    return `'${String(node['kind'])}' (use var, or runtime cloudfront-js-2.0)`;
  }
  if (node['async'] === true) return 'async functions (use cloudfront-js-2.0)';
  if (node['generator'] === true) return 'generator functions';
  const refused = REFUSED_NODE_TYPES[node.type];
  if (refused !== undefined) return refused;
  if (node.type === 'Property') {
    if (node['shorthand'] === true) return 'shorthand properties ({ a } for { a: a })';
    if (node['method'] === true) return 'method definitions in object literals';
    if (node['computed'] === true) return 'computed property names';
  }
  if (node.type === 'Literal') return literalRefusal(node);
  if (node.type === 'TemplateElement' && CODE_POINT_ESCAPE.test((node['value'] as { raw: string }).raw))
    return 'code point escapes (\\u{...})';
  return undefined;
}

function literalRefusal(node: AnyNode): string | undefined {
  const regex = node['regex'] as { flags: string } | undefined;
  const flag = regex?.flags.match(/[suy]/)?.[0];
  if (flag !== undefined) return `the regular expression flag '${flag}'`;
  const raw = String(node['raw']);
  if (typeof node['value'] === 'number' && /^0[bBoO]/.test(raw)) return 'binary and octal literals (0b…, 0o…)';
  if (typeof node['value'] === 'string' && CODE_POINT_ESCAPE.test(raw)) return 'code point escapes (\\u{...})';
  return undefined;
}
