import { randomUUID } from 'node:crypto';
import { bundleFunction } from './bundler.ts';
import { lambdaEnvironment } from './environment.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';
import type { InvokeOutcome, LambdaService, LambdaServiceOptions } from './types.ts';
import { validateLambdaOptions } from './validate-options.ts';

interface DeployedFunction {
  sandbox: Sandbox;
  /** Tail of this function's invocation queue: one sandbox runs one invocation at a time. */
  queue: Promise<unknown>;
}

// awsRequestId is a UUID on AWS (unlike API Gateway's 16-character IDs).

/**
 * Local Lambda: esbuild bundles run in worker-thread sandboxes, one warm sandbox per
 * function. Concurrent invocations of one function QUEUE (AWS would start more sandboxes);
 * each one's timeout starts when it reaches the sandbox, not while it waits.
 */
export function createLambdaService(options: LambdaServiceOptions): LambdaService {
  validateLambdaOptions(options);
  const accountId = options.accountId ?? '123456789012';
  const baseEnvironment = options.baseEnvironment ?? {};
  let deployed: Map<string, DeployedFunction> | undefined;
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';

  const start = async (): Promise<void> => {
    if (state !== 'new') throw new Error(`lambda service: start() called when ${state}`);
    state = 'starting';
    const bundled = await Promise.all(options.functions.map((spec) => bundleFunction(spec, options.bundleDir))).catch(
      (error: unknown) => {
        state = 'new'; // nothing runs yet; start() may be retried after the code is fixed
        throw error;
      },
    );
    const functions = new Map<string, DeployedFunction>();
    for (const fn of bundled) {
      const environment = lambdaEnvironment(fn, baseEnvironment);
      const region = environment.AWS_REGION ?? 'us-east-1';
      const invokedFunctionArn = `arn:aws:lambda:${region}:${accountId}:function:${fn.spec.name}`;
      functions.set(fn.spec.name, { sandbox: createSandbox({ fn, environment, invokedFunctionArn }), queue: Promise.resolve() });
    }
    deployed = functions;
    state = 'started';
  };

  const stop = async (): Promise<void> => {
    const functions = deployed;
    state = 'stopped';
    deployed = undefined;
    if (functions) await Promise.all([...functions.values()].map((fn) => fn.sandbox.dispose()));
  };

  const invoke = (functionName: string, event: unknown): Promise<InvokeOutcome> => {
    if (state !== 'started' || deployed === undefined) {
      return Promise.reject(new Error(`lambda service: invoke("${functionName}") called when ${state}`));
    }
    const fn = deployed.get(functionName);
    if (fn === undefined) {
      const known = [...deployed.keys()].join(', ');
      return Promise.reject(new Error(`lambda service: unknown function "${functionName}" (known: ${known})`));
    }
    const run = fn.queue.then(() => fn.sandbox.invoke(event, randomUUID()));
    fn.queue = run.catch(() => undefined);
    return run;
  };

  return { start, stop, invoke };
}
