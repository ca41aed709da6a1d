import { Worker } from 'node:worker_threads';
import type { BundledFunction, InvokeOutcome } from './types.ts';

const WORKER_FILE = new URL('./sandbox-worker.mjs', import.meta.url);

interface WorkerReply {
  id: number;
  ok: boolean;
  fatal?: boolean;
  resultJson?: string;
  errorType?: string;
  errorMessage?: string;
  stack?: string[];
}

interface Running {
  id: number;
  /** The worker running it: a discarded worker's late 'exit' must not end a newer invocation. */
  worker: Worker;
  requestId: string;
  settle(outcome: InvokeOutcome): void;
}

export interface SandboxSettings {
  fn: BundledFunction;
  environment: Record<string, string>;
  invokedFunctionArn: string;
}

/**
 * One warm Lambda sandbox: a worker thread that keeps the handler's module state between
 * invocations. Runs ONE invocation at a time (the service queues). A timeout, a crash or an
 * init error discards the worker; the next invocation gets a fresh one (a cold start).
 */
export function createSandbox({ fn, environment, invokedFunctionArn }: SandboxSettings) {
  let worker: Worker | undefined;
  let running: Running | undefined;
  let lastWorkerError: Error | undefined;
  let nextId = 1;
  let disposed = false;

  const discard = (target: Worker): void => {
    if (worker === target) worker = undefined;
    void target.terminate();
  };

  const spawn = (): Worker => {
    const created = new Worker(WORKER_FILE, {
      // No tsx loader and no parent flags in the sandbox; source maps map stacks to the .ts files.
      execArgv: ['--enable-source-maps'],
      env: environment,
      resourceLimits: { maxOldGenerationSizeMb: fn.spec.memorySizeMb },
      workerData: {
        bundlePath: fn.bundlePath,
        exportName: fn.exportName,
        format: fn.format,
        handler: fn.spec.handler,
        functionName: fn.spec.name,
        memorySizeMb: fn.spec.memorySizeMb,
        invokedFunctionArn,
      },
    });
    lastWorkerError = undefined;
    created.on('message', (reply: WorkerReply) => {
      if (running?.id !== reply.id) return;
      if (reply.fatal) discard(created);
      running.settle(reply.ok
        ? { kind: 'result', result: JSON.parse(reply.resultJson ?? 'null') as unknown }
        : { kind: 'error', errorType: reply.errorType ?? 'Error', errorMessage: reply.errorMessage ?? '', stack: reply.stack ?? [] });
    });
    // An uncaught exception or out-of-memory inside the worker; 'exit' follows and reports it.
    created.on('error', (error: Error) => { lastWorkerError = error; });
    created.on('exit', (code) => {
      if (worker === created) worker = undefined;
      if (running?.worker !== created) return;
      running.settle(crashOutcome(running.requestId, code, lastWorkerError));
    });
    return created;
  };

  const invoke = (event: unknown, requestId: string): Promise<InvokeOutcome> => {
    if (disposed) return Promise.resolve(stoppedOutcome());
    const target = (worker ??= spawn());
    const timeoutMs = fn.spec.timeoutSeconds * 1000;
    return new Promise<InvokeOutcome>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        settle({ kind: 'timeout', timeoutSeconds: fn.spec.timeoutSeconds });
        discard(target); // a timed-out sandbox may still be running user code: never reuse it
      }, timeoutMs);
      const settle = (outcome: InvokeOutcome): void => {
        if (running?.id !== id) return;
        clearTimeout(timer);
        running = undefined;
        resolve(outcome);
      };
      running = { id, worker: target, requestId, settle };
      target.postMessage({ id, eventJson: JSON.stringify(event) ?? 'null', awsRequestId: requestId, deadlineMs: Date.now() + timeoutMs });
    });
  };

  const dispose = async (): Promise<void> => {
    disposed = true;
    running?.settle(stoppedOutcome());
    const target = worker;
    worker = undefined;
    if (target) await target.terminate();
  };

  return { invoke, dispose };
}

export type Sandbox = ReturnType<typeof createSandbox>;

function stoppedOutcome(): InvokeOutcome {
  return { kind: 'error', errorType: 'Runtime.ServiceStopped', errorMessage: 'the local Lambda service was stopped' };
}

/** Lambda's wording for a runtime that died mid-invocation (process.exit, OOM, uncaught error). */
function crashOutcome(requestId: string, code: number, error: Error | undefined): InvokeOutcome {
  const prefix = `RequestId: ${requestId} Error: Runtime exited`;
  if ((error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { kind: 'error', errorType: 'Runtime.OutOfMemory', errorMessage: `${prefix} with error: out of memory (${error?.message})` };
  }
  if (error) {
    return { kind: 'error', errorType: error.name, errorMessage: error.message, stack: error.stack?.split('\n') ?? [] };
  }
  return { kind: 'error', errorType: 'Runtime.ExitError', errorMessage: `${prefix} with error: exit status ${code}` };
}
