/**
 * A CloudFront Function (viewer request) in a node:vm sandbox: parse gate per runtime, no require/process/timers,
 * no eval or Function (code generation off), a frozen Date and a CPU budget. node:vm is not a security boundary;
 * this emulates CloudFront's rules, it does not contain hostile code.
 */
import vm from 'node:vm';
import { judgeFunctionResult } from './function-result.ts';
import { assertRuntime, checkFunctionSource } from './runtime-gate.ts';
import { DRIVER, PRELUDE } from './sandbox-prelude.ts';
import type { CloudFrontFunctionRuntime, ViewerRequestEvent, ViewerRequestOutcome } from './types.ts';

export interface CompileOptions {
  /** Wall-clock budget per invocation, enforced by vm's timeout (CloudFront publishes no figure). Default 5. */
  cpuBudgetMs?: number;
  /** Clock read once per invocation; `Date` inside the function stays at that value. */
  now?: () => number;
}

export interface CompiledViewerRequestFunction {
  readonly runtime: CloudFrontFunctionRuntime;
  run(event: ViewerRequestEvent): ViewerRequestOutcome;
}

export const DEFAULT_CPU_BUDGET_MS = 5;

/** Compiles once (throws `CloudFrontFunctionCompileError`); every `run` gets a fresh context so no state leaks between requests. */
export function compileViewerRequestFunction(
  code: string,
  runtime: CloudFrontFunctionRuntime,
  options: CompileOptions = {},
): CompiledViewerRequestFunction {
  assertRuntime(runtime);
  checkFunctionSource(code, runtime);
  const cpuBudgetMs = options.cpuBudgetMs ?? DEFAULT_CPU_BUDGET_MS;
  if (!Number.isInteger(cpuBudgetMs) || cpuBudgetMs < 1) {
    throw new RangeError(`cpuBudgetMs is ${String(cpuBudgetMs)}; it must be a positive integer (milliseconds)`);
  }
  const now = options.now ?? Date.now;
  const script = new vm.Script(PRELUDE + code + DRIVER, { filename: 'cloudfront-function.js' });

  return {
    runtime,
    run(event) {
      const sandbox: Record<string, unknown> = Object.create(null);
      sandbox['__cfNow'] = now();
      sandbox['__cfEventJson'] = JSON.stringify(event);
      const context = vm.createContext(sandbox, {
        name: 'cloudfront-function',
        codeGeneration: { strings: false, wasm: false },
        // Promise jobs of async (2.0) handlers run inside the same timeout.
        microtaskMode: 'afterEvaluate',
      });
      try {
        script.runInContext(context, { timeout: cpuBudgetMs });
      } catch (error) {
        return { kind: 'error', cause: 'execution', reason: describeExecutionError(error, cpuBudgetMs) };
      }
      const settled = sandbox['__cfResult'];
      if (typeof settled !== 'string') {
        return { kind: 'error', cause: 'execution', reason: 'the handler returned a promise that never settled' };
      }
      // Parsed in the host realm, so callers get plain objects (cross-realm ones fail deepStrictEqual).
      const parsed = JSON.parse(settled) as { value?: unknown; error?: string };
      if (parsed.error !== undefined) return { kind: 'error', cause: 'execution', reason: `the handler threw: ${parsed.error}` };
      return judgeFunctionResult(event.request, parsed.value);
    },
  };
}

function describeExecutionError(error: unknown, cpuBudgetMs: number): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return `the function exceeded its CPU budget of ${cpuBudgetMs} ms`;
  return `the function failed: ${typeof message === 'string' ? message : String(error)}`;
}
