import { Worker } from 'node:worker_threads';
import { NOT_PLAIN, copyPlainJson } from './json-data.mjs';
import type { BundledFunction, InvokeOutcome } from './types.ts';

const WORKER_FILE = new URL('./sandbox-worker.mjs', import.meta.url);

interface WorkerReply {
  id: number;
  ok: boolean;
  fatal?: boolean;
  /** The handler's result as JSON would carry it, worked out in the worker (json-data.mjs). */
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
  stack?: string[];
}

interface Invocation {
  id: number;
  requestId: string;
  /** The event as the handler will get it: plain JSON data posted as is, or JSON text for anything else. */
  payload: { event: unknown } | { eventJson: string };
  settle(outcome: InvokeOutcome): void;
}

export interface SandboxSettings {
  fn: BundledFunction;
  environment: Record<string, string>;
  invokedFunctionArn: string;
}

/**
 * One warm Lambda sandbox: a worker thread that keeps the handler's module state between invocations and
 * runs ONE invocation at a time. Invocations are posted as they come and wait in the worker's own queue, so
 * the worker goes from one to the next without a round trip through this thread. The timeout of each starts
 * when it reaches the head of the queue (when the one before it ended), not while it waits. A timeout, a crash
 * or an init error discards the worker; the invocations still waiting are posted again to a fresh one (a cold start).
 */
export function createSandbox({ fn, environment, invokedFunctionArn }: SandboxSettings) {
  let worker: Worker | undefined;
  let lastWorkerError: Error | undefined;
  /** Posted to `worker`, in order; the first one is running. */
  const queue: Invocation[] = [];
  let headTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  let disposed = false;
  const timeoutMs = fn.spec.timeoutSeconds * 1000;

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
        timeoutMs,
      },
    });
    lastWorkerError = undefined;
    created.on('message', (reply: WorkerReply) => {
      if (worker !== created || queue[0]?.id !== reply.id) return; // a discarded worker, or an invocation already ended
      finishHead(reply.ok
        ? { kind: 'result', result: reply.result ?? null }
        : { kind: 'error', errorType: reply.errorType ?? 'Error', errorMessage: reply.errorMessage ?? '', stack: reply.stack ?? [] },
      reply.fatal === true);
    });
    // An uncaught exception or out-of-memory inside the worker; 'exit' follows and reports it.
    created.on('error', (error: Error) => { lastWorkerError = error; });
    created.on('exit', (code) => {
      if (worker !== created) return;
      const head = queue[0];
      if (head) finishHead(crashOutcome(head.requestId, code, lastWorkerError), true);
      else worker = undefined;
    });
    return created;
  };

  // Invocations arriving in one pass of the event loop (several clients' messages) go to the worker as one message.
  let outbox: Invocation[] = [];
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    const batch = outbox;
    outbox = [];
    if (batch.length === 0 || disposed) return;
    worker ??= spawn();
    // Built with push, not map: map's result has holey elements, which structured cloning sends as a sparse array
    // (slower to read back in the worker).
    const messages: Array<{ id: number; awsRequestId: string; payload: Invocation['payload'] }> = [];
    for (const { id, payload, requestId } of batch) messages.push({ id, awsRequestId: requestId, payload });
    worker.postMessage(messages);
  };
  const post = (invocation: Invocation): void => {
    outbox.push(invocation);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  /**
   * The head's time starts when the invocation before it ends. One unref'd timer serves every invocation: it
   * is not moved on each start (that costs a timer-list update per invocation); when it fires early for the
   * current head, it is re-armed for what is left of that head's time.
   */
  let headStartedAt = 0;
  const checkHeadTime = (): void => {
    headTimer = undefined;
    if (queue.length === 0) return;
    const left = headStartedAt + timeoutMs - performance.now();
    if (left > 0) {
      armHeadTimer(left);
      return;
    }
    finishHead({ kind: 'timeout', timeoutSeconds: fn.spec.timeoutSeconds }, true); // it may still be running user code
  };
  const armHeadTimer = (delayMs: number): void => {
    headTimer = setTimeout(checkHeadTime, Math.max(1, Math.ceil(delayMs)));
    headTimer.unref(); // the worker keeps the process alive while an invocation runs
  };
  const headStarts = (): void => {
    headStartedAt = performance.now();
    if (headTimer === undefined) armHeadTimer(timeoutMs);
  };

  /** Ends the running invocation; `discardWorker` replaces the worker and re-posts the ones that never started. */
  const finishHead = (outcome: InvokeOutcome, discardWorker: boolean): void => {
    const head = queue.shift();
    if (discardWorker) {
      const discarded = worker;
      worker = undefined;
      void discarded?.terminate();
      // Everything still waiting, sent or not, goes to the fresh worker in arrival order (the outbox holds the
      // newest arrivals, which are the queue's tail).
      outbox = [];
      if (!disposed) for (const waiting of queue) post(waiting);
    }
    head?.settle(outcome);
    if (queue.length > 0) headStarts();
  };

  const invoke = (event: unknown, requestId: string): Promise<InvokeOutcome> => {
    if (disposed) return Promise.resolve(stoppedOutcome());
    return new Promise<InvokeOutcome>((resolve) => {
      const invocation: Invocation = { id: nextId++, requestId, payload: eventPayload(event), settle: resolve };
      queue.push(invocation);
      post(invocation);
      if (queue.length === 1) headStarts();
    });
  };

  const dispose = async (): Promise<void> => {
    disposed = true;
    clearTimeout(headTimer);
    for (const waiting of queue.splice(0)) waiting.settle(stoppedOutcome());
    const target = worker;
    worker = undefined;
    if (target) await target.terminate();
  };

  return { invoke, dispose };
}

export type Sandbox = ReturnType<typeof createSandbox>;

/**
 * Lambda delivers the event as JSON. Plain JSON data (every event the gateway builds) is posted as a copy, which
 * the worker gets without parsing; anything else goes as JSON.stringify's text, with its rules (and its errors).
 */
function eventPayload(event: unknown): Invocation['payload'] {
  const plain = copyPlainJson(event);
  return plain === NOT_PLAIN ? { eventJson: JSON.stringify(event) ?? 'null' } : { event: plain };
}

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
