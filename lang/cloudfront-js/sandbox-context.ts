/**
 * One hardened vm context per compiled CloudFront Function, reused by every request until a run is cut
 * short (then it is rebuilt, since half-run promise jobs could otherwise run during the next request).
 */
import { randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { insertBudgetChecks } from './budget-checks.ts';
import {
  CLEAN_SCRIPT,
  PAUSE_ALLOWANCE,
  RUN_SCRIPT,
  type SandboxChannel,
  setupSource,
  wrapFunctionCode,
} from './sandbox-prelude.ts';
import type { CloudFrontFunctionRuntime } from './types.ts';

/** How one run ended: the settled `{value}`/`{error}` JSON text, a promise that never settled, or a spent budget. */
export type SandboxRun = { kind: 'settled'; json: string } | { kind: 'unsettled' } | { kind: 'overrun' };

export interface FunctionSandbox {
  /** Runs the handler once within `budgetMs` (wall clock). Throws vm's errors other than its timeout. */
  run(nowMs: number, eventJson: string, budgetMs: number): SandboxRun;
}

interface Built {
  context: vm.Context;
  channel: SandboxChannel;
  /** The host-side object behind the context's global; globals a run adds show up on it too. */
  sandbox: object;
  /** Its own keys once hardened: baseline globals cannot be deleted, so a higher count means a run added some. */
  baselineKeys: number;
}

export function createFunctionSandbox(code: string, runtime: CloudFrontFunctionRuntime): FunctionSandbox {
  // Unguessable, so the code cannot declare a binding that shadows the check.
  const tick = `__cfBudget${randomBytes(8).toString('hex')}`;
  const instrumented = insertBudgetChecks(code, runtime, tick);
  const factoryScript = new vm.Script(wrapFunctionCode(instrumented.code), { filename: 'cloudfront-function.js' });
  const setup = new vm.Script(setupSource(tick), { filename: 'cloudfront-function-setup.js' });
  const driver = new vm.Script(RUN_SCRIPT, { filename: 'cloudfront-function-run.js' });
  const cleaner = new vm.Script(CLEAN_SCRIPT, { filename: 'cloudfront-function-clean.js' });
  const build = (): Built => {
    const sandbox = Object.create(null) as object;
    const context = vm.createContext(sandbox, {
      name: 'cloudfront-function',
      codeGeneration: { strings: false, wasm: false },
      // Promise jobs of async (2.0) handlers run inside the same run (and budget).
      microtaskMode: 'afterEvaluate',
    });
    const install = setup.runInContext(context) as (factory: unknown) => SandboxChannel;
    // Evaluating the wrapper only creates the factory; the code's top level runs per request, within the budget.
    const channel = install(factoryScript.runInContext(context));
    return { context, channel, sandbox, baselineKeys: Reflect.ownKeys(sandbox).length };
  };
  let built: Built | undefined = build(); // hardening costs a few ms: pay it at compile time, not on a request

  return {
    run(nowMs, eventJson, budgetMs) {
      built ??= build();
      const current = built;
      const { channel } = current;
      channel.now = nowMs;
      channel.budgetMs = budgetMs;
      channel.eventJson = eventJson;
      channel.result = undefined;
      try {
        // The watchdog backs the inserted checks up against a native runaway (a backtracking regular expression) only:
        // its wall-clock limit leaves room for the pauses the checks forgive (sandbox-prelude.ts).
        driver.runInContext(
          current.context,
          instrumented.needsWatchdog ? { timeout: budgetMs * (1 + PAUSE_ALLOWANCE) } : {},
        );
      } catch (error) {
        built = undefined;
        if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { kind: 'overrun' };
        throw error;
      }
      if (channel.overrun) {
        built = undefined;
        return { kind: 'overrun' };
      }
      const addedGlobals = Reflect.ownKeys(current.sandbox).length !== current.baselineKeys;
      if (addedGlobals && cleaner.runInContext(current.context) !== true) built = undefined; // a non-deletable global: start over
      const result = channel.result;
      channel.eventJson = 'null';
      channel.result = undefined;
      return result === undefined ? { kind: 'unsettled' } : { kind: 'settled', json: result };
    },
  };
}
