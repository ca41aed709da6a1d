/**
 * Parse gate per CloudFront Functions runtime: reject at compile time what CloudFront rejects when the
 * function is created, so a function that only works locally cannot slip through.
 */
import { parse, type Node } from 'acorn';
import { type AnyNode, visitNodes } from './ast-walk.ts';
import type { CloudFrontFunctionRuntime } from './types.ts';

/** CloudFront's quota on function code size (bytes). */
export const MAX_FUNCTION_CODE_BYTES = 10_240;

export class CloudFrontFunctionCompileError extends Error {
  override name = 'CloudFrontFunctionCompileError';
}

/** 1.0 is ES 5.1 plus selected ES6–9 features; 2.0 adds up to ES12 (ES2021). */
const ECMA_VERSION: Record<CloudFrontFunctionRuntime, 2018 | 2021> = {
  'cloudfront-js-1.0': 2018,
  'cloudfront-js-2.0': 2021,
};

export function assertRuntime(runtime: unknown): asserts runtime is CloudFrontFunctionRuntime {
  if (runtime !== 'cloudfront-js-1.0' && runtime !== 'cloudfront-js-2.0') {
    throw new CloudFrontFunctionCompileError(
      `runtime is ${JSON.stringify(runtime)}; it must be 'cloudfront-js-1.0' or 'cloudfront-js-2.0'`);
  }
}

export function checkFunctionSource(code: string, runtime: CloudFrontFunctionRuntime): void {
  if (typeof code !== 'string' || code.trim() === '') {
    throw new CloudFrontFunctionCompileError('function code must be a non-empty string');
  }
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_FUNCTION_CODE_BYTES) {
    throw new CloudFrontFunctionCompileError(
      `function code is ${bytes} bytes; CloudFront allows at most ${MAX_FUNCTION_CODE_BYTES}`);
  }
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: ECMA_VERSION[runtime], sourceType: 'script', locations: true });
  } catch (error) {
    throw new CloudFrontFunctionCompileError(`${runtime} cannot parse the function: ${(error as Error).message}`);
  }
  if (runtime === 'cloudfront-js-1.0') visitNodes(program, rejectNewerThanRuntime1);
  if (!declaresHandler(program)) {
    throw new CloudFrontFunctionCompileError('function code must declare a top-level function named handler');
  }
}

function rejectNewerThanRuntime1(node: AnyNode): void {
  if (node.type === 'VariableDeclaration' && node['kind'] !== 'var') {
    fail(node, `cloudfront-js-1.0 does not allow '${String(node['kind'])}' (use var, or runtime cloudfront-js-2.0)`);
  }
  if (node['async'] === true) fail(node, 'cloudfront-js-1.0 does not allow async functions (use cloudfront-js-2.0)');
}


function fail(node: AnyNode, message: string): never {
  const start = node.loc?.start;
  throw new CloudFrontFunctionCompileError(start ? `${message} at line ${start.line}, column ${start.column + 1}` : message);
}


function declaresHandler(program: Node): boolean {
  const body = (program as unknown as { body: AnyNode[] }).body;
  return body.some((statement) => {
    if (statement.type === 'FunctionDeclaration') return (statement['id'] as { name?: string } | null)?.name === 'handler';
    if (statement.type !== 'VariableDeclaration') return false;
    const declarations = statement['declarations'] as { id: { type: string; name?: string } }[];
    return declarations.some((d) => d.id.type === 'Identifier' && d.id.name === 'handler');
  });
}
