/**
 * The one gate per CloudFront Functions runtime: the grammar it parses, the size quota and the syntax it refuses.
 * The template checks and the local edge both run it, so what passes one runs in the other, and code CloudFront
 * would refuse when the function is created is refused here first.
 */
import { parse, type Node } from 'acorn';
import { type AnyNode, visitNodes } from './ast-walk.ts';
import { runtime1Refusal } from './runtime-1-syntax.ts';
import type { CloudFrontFunctionRuntime } from './types.ts';

/** CloudFront's quota on function code size (bytes), the same on both runtimes. */
const MAX_FUNCTION_CODE_BYTES = 10_240;

interface RuntimeRules {
  /** acorn's grammar edition: the newest ES edition a feature the runtime supports comes from. */
  ecmaVersion: 2018 | 2021;
  /** What a node uses that the runtime refuses, or undefined when the runtime accepts it. */
  refusal(node: AnyNode): string | undefined;
}

const RULES: Record<CloudFrontFunctionRuntime, RuntimeRules> = {
  // ES 5.1 plus a listed set of ES 6–9 features, the newest being ES 9 (2018) named capture groups.
  'cloudfront-js-1.0': { ecmaVersion: 2018, refusal: runtime1Refusal },
  // ES 5.1 plus "some features of ES versions 6 through 12" (ES 12 = ES2021): the grammar is the gate; which
  // newer syntax 2.0 still refuses is not checked node by node (local/FEATURES.md).
  'cloudfront-js-2.0': { ecmaVersion: 2021, refusal: () => undefined },
};

export class CloudFrontFunctionCompileError extends Error {
  override name = 'CloudFrontFunctionCompileError';
}

/** `runtime`: not a CloudFront Functions runtime; `code`: empty or not text; `size`: over the quota. */
export type GateProblemKind = 'runtime' | 'code' | 'size' | 'syntax' | 'handler';
export interface GateProblem {
  kind: GateProblemKind;
  message: string;
}

export function isCloudFrontFunctionRuntime(value: unknown): value is CloudFrontFunctionRuntime {
  return typeof value === 'string' && Object.hasOwn(RULES, value);
}

/** The code as the runtime's grammar reads it (a script); throws acorn's SyntaxError. */
export function parseFunctionCode(code: string, runtime: CloudFrontFunctionRuntime): Node {
  return parse(code, { ecmaVersion: RULES[runtime].ecmaVersion, sourceType: 'script', locations: true });
}

/** Every reason CloudFront would refuse to create this function (none when it would accept it). */
export function functionSourceProblems(code: unknown, runtime: unknown): GateProblem[] {
  if (!isCloudFrontFunctionRuntime(runtime)) {
    return [
      {
        kind: 'runtime',
        message: `runtime is ${JSON.stringify(runtime)}; it must be 'cloudfront-js-1.0' or 'cloudfront-js-2.0'`,
      },
    ];
  }
  if (typeof code !== 'string' || code.trim() === '')
    return [{ kind: 'code', message: 'function code must be a non-empty string' }];
  const problems: GateProblem[] = [];
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_FUNCTION_CODE_BYTES) {
    problems.push({
      kind: 'size',
      message: `function code is ${bytes} bytes; CloudFront allows at most ${MAX_FUNCTION_CODE_BYTES}`,
    });
  }
  let program: Node;
  try {
    program = parseFunctionCode(code, runtime);
  } catch (error) {
    return [
      ...problems,
      { kind: 'syntax', message: `${runtime} cannot parse the function: ${(error as Error).message}` },
    ];
  }
  visitNodes(program, (node) => {
    const refused = RULES[runtime].refusal(node);
    if (refused !== undefined)
      problems.push({ kind: 'syntax', message: at(node, `${runtime} does not allow ${refused}`) });
  });
  if (!declaresHandler(program))
    problems.push({ kind: 'handler', message: 'function code must declare a top-level function named handler' });
  return problems;
}

/** Throws `CloudFrontFunctionCompileError` naming every problem `functionSourceProblems` finds. */
export function assertFunctionSource(code: unknown, runtime: unknown): asserts runtime is CloudFrontFunctionRuntime {
  const problems = functionSourceProblems(code, runtime);
  if (problems.length > 0)
    throw new CloudFrontFunctionCompileError(problems.map((problem) => problem.message).join('; '));
}

function at(node: AnyNode, message: string): string {
  const start = node.loc?.start;
  return start ? `${message} at line ${start.line}, column ${start.column + 1}` : message;
}

function declaresHandler(program: Node): boolean {
  const body = (program as unknown as { body: AnyNode[] }).body;
  return body.some((statement) => {
    if (statement.type === 'FunctionDeclaration')
      return (statement['id'] as { name?: string } | null)?.name === 'handler';
    if (statement.type !== 'VariableDeclaration') return false;
    const declarations = statement['declarations'] as { id: { type: string; name?: string } }[];
    return declarations.some((d) => d.id.type === 'Identifier' && d.id.name === 'handler');
  });
}
