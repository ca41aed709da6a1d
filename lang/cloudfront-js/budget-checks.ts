/**
 * The CPU budget without a watchdog thread per request (vm's `timeout` starts and joins one on every run,
 * about 0.1 ms of CPU and more under load): a budget check is inserted at the top of every loop body and
 * every function body, so runaway loops, recursion and promise-job spins stop at the budget. One native call
 * can still run unbounded only through a regular expression (catastrophic backtracking), so code that can
 * build or run one keeps vm's watchdog as well.
 */
import { type AnyNode, visitNodes } from './ast-walk.ts';
import { parseFunctionCode } from './runtime-gate.ts';
import type { CloudFrontFunctionRuntime } from './types.ts';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
/** String/RegExp methods that take or turn a string into a regular expression. */
const REGEX_METHODS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'search', 'split', 'test', 'exec']);

export interface InstrumentedCode {
  code: string;
  /** True when the code can run a regular expression: vm's timeout must back the inserted checks up. */
  needsWatchdog: boolean;
}

/** `tick` is the (unguessable, per compile) name of the sandbox's check function; the code was already gated. */
export function insertBudgetChecks(code: string, runtime: CloudFrontFunctionRuntime, tick: string): InstrumentedCode {
  const program = parseFunctionCode(code, runtime);
  const inserts: Array<[position: number, text: string]> = [];
  let needsWatchdog = false;
  visitNodes(program, (node) => {
    if (LOOPS.has(node.type)) wrapStatement(node['body'] as AnyNode, inserts, tick);
    if (FUNCTIONS.has(node.type)) {
      const body = node['body'] as AnyNode;
      if (body.type === 'BlockStatement') inserts.push([body.start + 1, `${tick}();`]);
      else inserts.push([body.start, `(${tick}(), `], [body.end, ')']);
    }
    if (canRunRegex(node)) needsWatchdog = true;
  });
  // Insert from the end so earlier positions stay valid; at one position, keep the order they were found in.
  const ordered = inserts
    .map((insert, index) => ({ insert, index }))
    .sort((a, b) => b.insert[0] - a.insert[0] || b.index - a.index);
  let out = code;
  for (const {
    insert: [position, text],
  } of ordered)
    out = out.slice(0, position) + text + out.slice(position);
  return { code: out, needsWatchdog };
}

function wrapStatement(body: AnyNode, inserts: Array<[number, string]>, tick: string): void {
  if (body.type === 'BlockStatement') inserts.push([body.start + 1, `${tick}();`]);
  else inserts.push([body.start, `{${tick}();`], [body.end, '}']);
}

function canRunRegex(node: AnyNode): boolean {
  if (node.type === 'Literal' && node['regex'] !== undefined) return true;
  if (node.type === 'Identifier' && node['name'] === 'RegExp') return true;
  if (node.type === 'MemberExpression') {
    const property = node['property'] as AnyNode;
    if (!node['computed']) return property.type === 'Identifier' && REGEX_METHODS.has(property['name'] as string);
    if (property.type === 'Literal')
      return typeof property['value'] === 'string' && REGEX_METHODS.has(property['value']);
  }
  // obj[expression](...): the method could be any of the above.
  if (node.type === 'CallExpression') {
    const callee = node['callee'] as AnyNode;
    return (
      callee.type === 'MemberExpression' &&
      callee['computed'] === true &&
      (callee['property'] as AnyNode).type !== 'Literal'
    );
  }
  return false;
}
