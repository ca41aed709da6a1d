import { randomUUID } from 'node:crypto';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../shared/constants.ts';
import { stderrLog } from '../shared/log.ts';
import { lambdaEnvironment } from './environment.ts';
import { createInvocationLog } from './invocation-log.ts';
import {
  prepareFunction,
  prepareSandboxes,
  type FunctionSandbox,
  type SandboxContext,
  type SharedRuntime,
} from './prepare.ts';
import type {
  FunctionSources,
  InvokeLimits,
  InvokeOutcome,
  LambdaFunctionSpec,
  LambdaService,
  LambdaServiceOptions,
} from './types.ts';
import { validateLambdaOptions } from './validate-options.ts';

// awsRequestId is a UUID on AWS (unlike API Gateway's 16-character IDs).

/** Lambda's default concurrency quota per account and region. */
const DEFAULT_MAX_IN_FLIGHT = 1000;

/**
 * Local Lambda: esbuild bundles run in worker-thread sandboxes, one warm sandbox per
 * function. Concurrent invocations of one function QUEUE in its sandbox (AWS would start more
 * sandboxes); each one's timeout starts when the one before it ends, not while it waits (sandbox.ts).
 * At most `maxInFlight` per function are in flight; more are throttled, as Lambda throttles past its concurrency.
 */
export function createLambdaService(options: LambdaServiceOptions): LambdaService {
  validateLambdaOptions(options);
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const log = options.log ?? stderrLog('lambda');
  const baseEnvironment = options.baseEnvironment ?? {};
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  let deployed: Map<string, FunctionSandbox> | undefined;
  const sources = new Map<string, FunctionSources>();
  let shared: SharedRuntime | undefined;
  /** Rebuilds so far, per function: each goes to a folder of its own. */
  const builds = new Map<string, number>();
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  const arnOf = (spec: LambdaFunctionSpec) =>
    `arn:aws:lambda:${baseEnvironment.AWS_REGION ?? DEFAULT_REGION}:${accountId}:function:${spec.name}`;
  const context: SandboxContext = {
    bundleDir: options.bundleDir,
    environmentOf: (spec, taskRoot) => lambdaEnvironment(spec, taskRoot, baseEnvironment),
    arnOf,
    python: options.python ?? 'python3',
    maxInFlight,
    localApi: options.localApi,
    log,
    // A service created alone (tests) writes no invocation lines unless it was given a log.
    invocationLog: (spec) =>
      options.log === undefined ? undefined : createInvocationLog(spec.name, spec.memorySizeMb, options.log),
  };

  const start = async (): Promise<void> => {
    if (state !== 'new') throw new Error(`lambda service: start() called when ${state}`);
    state = 'starting';
    const prepared = await prepareSandboxes(options.functions, context).catch((error: unknown) => {
      state = 'new'; // nothing runs yet; start() may be retried after the code is fixed
      throw error;
    });
    deployed = new Map([...prepared.functions].map(([name, fn]) => [name, fn.sandbox]));
    for (const [name, fn] of prepared.functions) sources.set(name, fn.sources);
    shared = prepared.runtime;
    state = 'started';
    const bundled = options.functions
      .filter((spec) => spec.bundle !== false && !spec.runtime?.startsWith('python'))
      .map((spec) => spec.name);
    if (bundled.length > 0) log(`bundled ${bundled.join(', ')} into ${options.bundleDir}`);
    const booted = options.bootRuntimesAtStart ?? [];
    if (booted.length > 0) void bootRuntimesInTurn([...deployed].filter(([name]) => booted.includes(name)));
  };

  /** One at a time, so a stack of many functions does not start all their threads at once; not awaited by start(). */
  const bootRuntimesInTurn = async (sandboxes: Array<[string, FunctionSandbox]>): Promise<void> => {
    for (const [name, sandbox] of sandboxes) {
      if (state !== 'started') return;
      const started = performance.now();
      if (await sandbox.bootRuntime?.())
        log(
          `${name}: runtime started in ${Math.round(performance.now() - started)} ms, ahead of its first invocation`,
          'debug',
        );
    }
  };

  const stop = async (): Promise<void> => {
    const functions = deployed;
    state = 'stopped';
    deployed = undefined;
    if (functions) await Promise.all([...functions.values()].map((fn) => fn.dispose()));
  };

  const invoke = (functionName: string, event: unknown, limits?: InvokeLimits): Promise<InvokeOutcome> => {
    if (state !== 'started' || deployed === undefined) {
      return Promise.reject(new Error(`lambda service: invoke("${functionName}") called when ${state}`));
    }
    const fn = deployed.get(functionName);
    if (fn === undefined) {
      const known = [...deployed.keys()].join(', ');
      return Promise.reject(new Error(`lambda service: unknown function "${functionName}" (known: ${known})`));
    }
    return fn.invoke(event, randomUUID(), limits);
  };

  const interrupt = (): void => {
    for (const fn of deployed?.values() ?? []) fn.interrupt();
  };

  // Every function is built before any is swapped: one that fails leaves all of them as they were.
  const reload = async (functionNames: readonly string[]): Promise<void> => {
    if (state !== 'started' || shared === undefined) throw new Error(`lambda service: reload() called when ${state}`);
    const specs = functionNames.map((name) => {
      const spec = options.functions.find((candidate) => candidate.name === name);
      if (spec === undefined)
        throw new Error(
          `lambda service: unknown function "${name}" (known: ${options.functions.map((fn) => fn.name).join(', ')})`,
        );
      return spec;
    });
    const runtime = shared;
    const prepared = await Promise.all(
      specs.map(async (spec) => {
        const build = (builds.get(spec.name) ?? 0) + 1;
        builds.set(spec.name, build);
        return [spec.name, await prepareFunction(spec, context, runtime, build)] as const;
      }),
    );
    const live = deployed;
    if (state !== 'started' || live === undefined) {
      await Promise.all(prepared.map(([, fn]) => fn.sandbox.dispose())); // stopped while building
      return;
    }
    for (const [name, fn] of prepared) {
      live.get(name)?.retire();
      live.set(name, fn.sandbox);
      sources.set(name, fn.sources);
    }
  };

  return { start, stop, invoke, interrupt, reload, sources: () => sources };
}
