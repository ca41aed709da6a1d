import { randomUUID } from 'node:crypto';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../shared/constants.ts';
import { stderrLog } from '../shared/log.ts';
import { lambdaEnvironment } from './environment.ts';
import { prepareSandboxes, type FunctionSandbox } from './prepare.ts';
import type { InvokeLimits, InvokeOutcome, LambdaFunctionSpec, LambdaService, LambdaServiceOptions } from './types.ts';
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
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';

  const start = async (): Promise<void> => {
    if (state !== 'new') throw new Error(`lambda service: start() called when ${state}`);
    state = 'starting';
    const arnOf = (spec: LambdaFunctionSpec) => `arn:aws:lambda:${baseEnvironment.AWS_REGION ?? DEFAULT_REGION}:${accountId}:function:${spec.name}`;
    const functions = await prepareSandboxes(options.functions, {
      bundleDir: options.bundleDir,
      environmentOf: (spec, taskRoot) => lambdaEnvironment(spec, taskRoot, baseEnvironment),
      arnOf,
      python: options.python ?? 'python3',
      maxInFlight,
      localApi: options.localApi,
      log,
    }).catch((error: unknown) => {
      state = 'new'; // nothing runs yet; start() may be retried after the code is fixed
      throw error;
    });
    deployed = functions;
    state = 'started';
    const bundled = options.functions.filter((spec) => spec.bundle !== false && !spec.runtime?.startsWith('python')).map((spec) => spec.name);
    if (bundled.length > 0) log(`bundled ${bundled.join(', ')} into ${options.bundleDir}`);
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

  return { start, stop, invoke, interrupt };
}
