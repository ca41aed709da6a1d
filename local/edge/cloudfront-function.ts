/**
 * A CloudFront Function (viewer request) in a node:vm sandbox: parse gate per runtime, no require/process/timers,
 * no eval or Function (code generation off), a frozen Date and a CPU budget. node:vm is not a security boundary;
 * this emulates CloudFront's rules, it does not contain hostile code.
 */
import { judgeFunctionResult } from './function-result.ts';
import { assertRuntime, checkFunctionSource } from './runtime-gate.ts';
import { createFunctionSandbox, type SandboxRun } from './sandbox-context.ts';
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

/**
 * Compiles once (throws `CloudFrontFunctionCompileError`). Runs share one hardened context (frozen intrinsics,
 * read-only globals, new globals removed after each run) and each run re-executes the code's top level in a
 * fresh function scope, so no state leaks between requests; a run cut short (CPU budget) gets the context rebuilt.
 */
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
  const sandbox = createFunctionSandbox(code, runtime);

  return {
    runtime,
    run(event) {
      let ran: SandboxRun;
      try {
        ran = sandbox.run(now(), JSON.stringify(event), cpuBudgetMs);
      } catch (error) {
        return { kind: 'error', cause: 'execution', reason: describeExecutionError(error) };
      }
      if (ran.kind === 'overrun') return { kind: 'error', cause: 'execution', reason: `the function exceeded its CPU budget of ${cpuBudgetMs} ms` };
      if (ran.kind === 'unsettled') {
        return { kind: 'error', cause: 'execution', reason: 'the handler returned a promise that never settled' };
      }
      // Parsed in the host realm, so callers get plain objects (cross-realm ones fail deepStrictEqual).
      const parsed = JSON.parse(ran.json) as { value?: unknown; error?: string };
      if (parsed.error !== undefined) return { kind: 'error', cause: 'execution', reason: `the handler threw: ${parsed.error}` };
      return judgeFunctionResult(event.request, parsed.value);
    },
  };
}

function describeExecutionError(error: unknown): string {
  const { message } = (error ?? {}) as { message?: unknown };
  return `the function failed: ${typeof message === 'string' ? message : String(error)}`;
}
