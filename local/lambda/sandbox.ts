import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { InvocationFigures, InvocationLog } from './invocation-log.ts';
import {
  eventPayload,
  type Invocation,
  type PostedInvocation,
  type WorkerBooted,
  type WorkerLogLine,
  type WorkerReply,
  type WorkerResult,
} from './sandbox-messages.ts';
import { createInvocationSlots } from './invocation-slots.ts';
import { createSandboxLog } from './sandbox-log.ts';
import { CALLER_GONE, DEADLINE_PASSED, INTERRUPTED, THROTTLED, crashOutcome, stoppedOutcome } from './outcomes.ts';
import type { BundledFunction, InvokeLimits, InvokeOutcome, LocalApiReach } from './types.ts';
import { packageFileUrl } from '../../shared/package-file.ts';

/** Lambda's limit on the Init phase of an on-demand function (docs/aws-behaviour.md#lambda-runtime). */
const INIT_LIMIT_MS = 10_000;

const WORKER_FILE = packageFileUrl(import.meta.url, 'local/lambda/sandbox-worker.mjs');

export interface SandboxSettings {
  fn: BundledFunction;
  environment: Record<string, string>;
  invokedFunctionArn: string;
  /** invocations in flight (running plus waiting) beyond which more are throttled */
  maxInFlight: number;
  /** The local API's TLS front: its host names lead there inside the sandbox, its certificate is trusted (local-api-reach.mjs). */
  localApi?: LocalApiReach;
  /** Where each invocation's START, output, END and REPORT lines go. */
  invocationLog?: InvocationLog;
}

/**
 * One warm Lambda sandbox: a worker thread that keeps the handler's module state between invocations and
 * runs ONE invocation at a time. Invocations are posted as they come and wait in the worker's own queue, so
 * the worker goes from one to the next without a round trip through this thread. The timeout of each starts
 * when it reaches the head of the queue (when the one before it ended), not while it waits. A timeout, a crash
 * or an init error discards the worker; the invocations still waiting are posted again to a fresh one (a cold start).
 * Bounded: at most `maxInFlight` in the queue (more are throttled), and a waiting invocation whose caller went away
 * or whose deadline passed is skipped, by the worker itself when it was already posted (invocation-slots.ts).
 */
export function createSandbox({
  fn,
  environment,
  invokedFunctionArn,
  maxInFlight,
  localApi,
  invocationLog,
}: SandboxSettings) {
  const slots = createInvocationSlots(maxInFlight);
  /** Signals this sandbox already listens to: one listener per caller scope (a connection), not per invocation. */
  const watched = new WeakSet<AbortSignal>();
  let worker: Worker | undefined;
  let lastWorkerError: Error | undefined;
  /** Posted to `worker`, in order; the first one is running. */
  const queue: Invocation[] = [];
  let headTimer: NodeJS.Timeout | undefined;
  const log = createSandboxLog(invocationLog);
  let nextId = 1;
  let disposed = false;
  /** Replaced by a newer build (watch mode): disposed once the invocations in flight have ended. */
  let retired = false;
  const timeoutMs = fn.spec.timeoutSeconds * 1000;

  const spawn = (): Worker => {
    const created = new Worker(WORKER_FILE, {
      // No tsx loader and no parent flags in the sandbox; source maps map stacks to the .ts files.
      execArgv: ['--enable-source-maps'],
      env: environment,
      // Raw writes (process.stdout.write, a library's own stream) come here, to be logged with the running request.
      stdout: true,
      stderr: true,
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
        cancelFlags: slots.cancelFlags,
        layers: fn.spec.layers ?? [],
        // A function run in place: its folder is the task root, whatever package.json lies above it.
        codeRoot: fn.spec.bundle === false ? fn.taskRoot : undefined,
        localApi,
      },
    });
    lastWorkerError = undefined;
    initializing = true;
    const rawOutput = (line: string) => log.output(queue[0]?.requestId, line);
    createInterface({ input: created.stdout, crlfDelay: Infinity }).on('line', rawOutput);
    createInterface({ input: created.stderr, crlfDelay: Infinity }).on('line', rawOutput);
    created.on('message', (reply: WorkerResult | WorkerReply | WorkerLogLine | WorkerBooted) => {
      if (Array.isArray(reply)) {
        // A handler's result: the reply of nearly every invocation (sandbox-messages.ts).
        const [id, result, durationMs, maxMemoryUsedMb, initDurationMs] = reply;
        if (worker !== created || queue[0]?.id !== id) return; // a discarded worker, or an invocation already ended
        const figures: InvocationFigures = { durationMs, maxMemoryUsedMb };
        if (initDurationMs !== undefined) figures.initDurationMs = initDurationMs;
        finishHead({ kind: 'result', result: result ?? null }, false, figures);
        return;
      }
      if (reply.log !== undefined) {
        // a console line, even from a worker being discarded: it was written
        log.output(reply.requestId, reply.text, reply.log, reply.time);
        return;
      }
      if (reply.booted === true) return; // bootRuntime's to hear; an invocation's own messages follow
      if (worker !== created || queue[0]?.id !== reply.id) return; // a discarded worker, or an invocation already ended
      if (reply.initialized === true) return initEnded();
      if (reply.skipped === true) return finishHead(DEADLINE_PASSED, false); // a cancelled one was settled already
      finishHead(
        {
          kind: 'error',
          errorType: reply.errorType ?? 'Error',
          errorMessage: reply.errorMessage ?? '',
          stack: reply.stack ?? [],
        },
        reply.fatal === true,
        reply.figures,
      );
    });
    // An uncaught exception or out-of-memory inside the worker; 'exit' follows and reports it.
    created.on('error', (error: Error) => {
      lastWorkerError = error;
    });
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
    const messages: PostedInvocation[] = [];
    for (const { id, slot, deadline, payload, requestId } of batch)
      messages.push(
        'event' in payload
          ? [id, slot, deadline, requestId, payload.event, undefined]
          : [id, slot, deadline, requestId, undefined, payload.eventJson],
      );
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
  /**
   * A fresh worker's first invocation loads the handler's module first: Lambda's Init phase, which has a limit of
   * its own (INIT_LIMIT_MS) and is not part of the function's timeout (docs/aws-behaviour.md#lambda-runtime). Its
   * timeout starts when the worker says the module is loaded.
   */
  let initializing = false;
  const headLimitMs = (): number => (initializing ? INIT_LIMIT_MS : timeoutMs);
  const initEnded = (): void => {
    initializing = false;
    headStartedAt = performance.now();
    clearTimeout(headTimer);
    armHeadTimer(timeoutMs);
  };
  const checkHeadTime = (): void => {
    headTimer = undefined;
    if (queue.length === 0) return;
    const left = headStartedAt + headLimitMs() - performance.now();
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
    if (headTimer === undefined) armHeadTimer(headLimitMs());
  };

  /** Ends the running invocation; `discardWorker` replaces the worker and re-posts the ones that never started. */
  const finishHead = (outcome: InvokeOutcome, discardWorker: boolean, figures?: InvocationFigures): void => {
    const head = queue.shift();
    if (head) slots.release(head.slot);
    if (head) log.finished(head.requestId, outcome, headStartedAt, figures);
    if (discardWorker) {
      discardWorkerNow();
      // What is still waiting goes to the fresh worker in arrival order (the outbox held the newest arrivals, the
      // queue's tail), except invocations whose caller went away or whose deadline passed meanwhile.
      const now = Date.now();
      for (const waiting of queue.splice(0)) {
        if (disposed) leave(waiting, stoppedOutcome());
        else if (waiting.cancelled || (waiting.deadline !== undefined && waiting.deadline < now))
          leave(waiting, DEADLINE_PASSED);
        else {
          queue.push(waiting);
          post(waiting);
        }
      }
    }
    head?.settle(outcome);
    if (queue.length > 0) headStarts();
    else if (retired) void dispose();
  };
  const discardWorkerNow = (): void => {
    const discarded = worker;
    worker = undefined;
    outbox = [];
    void discarded?.terminate();
  };
  /** Takes an invocation out of the queue for good; a cancelled one was settled already (settling twice is a no-op). */
  const leave = (invocation: Invocation, outcome: InvokeOutcome): void => {
    slots.release(invocation.slot);
    invocation.settle(outcome);
  };

  /** The caller behind `signal` went away: its invocations that have not started never will. */
  const cancelFor = (signal: AbortSignal): void => {
    for (const invocation of queue) {
      if (invocation.signal !== signal || invocation.cancelled) continue;
      invocation.cancelled = true;
      slots.cancel(invocation.slot);
      invocation.settle(CALLER_GONE);
    }
  };

  const invoke = (event: unknown, requestId: string, limits: InvokeLimits = {}): Promise<InvokeOutcome> => {
    if (disposed) return Promise.resolve(stoppedOutcome());
    const { signal, deadline } = limits;
    if (signal?.aborted === true) return Promise.resolve(CALLER_GONE);
    if (deadline !== undefined && deadline < Date.now()) return Promise.resolve(DEADLINE_PASSED);
    const slot = slots.take();
    if (slot === undefined) return Promise.resolve(THROTTLED); // maxInFlight invocations already in flight
    if (signal !== undefined && !watched.has(signal)) {
      watched.add(signal);
      signal.addEventListener('abort', () => cancelFor(signal), { once: true });
    }
    return new Promise<InvokeOutcome>((resolve) => {
      const invocation: Invocation = {
        id: nextId++,
        slot,
        requestId,
        payload: eventPayload(event),
        deadline,
        signal,
        cancelled: false,
        settle: resolve,
      };
      queue.push(invocation);
      post(invocation);
      if (queue.length === 1) headStarts();
    });
  };

  /**
   * Starts the sandbox's runtime now, ahead of its first invocation: the worker thread and the runtime's own modules,
   * what Lambda has running before a cold start's Init. The function's module is still loaded by the first
   * invocation, whose Init Duration reports that load, as before (sandbox-worker.mjs). Resolves true when the runtime
   * is up, false when there was nothing to start or the worker ended first (its first invocation then starts a fresh
   * one, as it would have).
   */
  const bootRuntime = (): Promise<boolean> => {
    if (disposed || retired || worker !== undefined) return Promise.resolve(false);
    const booting = spawn();
    worker = booting;
    return new Promise((resolve) => {
      const settle = (up: boolean) => {
        booting.off('message', booted);
        booting.off('exit', ended);
        resolve(up);
      };
      const booted = (message: { booted?: unknown }) => {
        if (message.booted === true) settle(true);
      };
      const ended = () => settle(false);
      booting.on('message', booted);
      booting.on('exit', ended);
    });
  };

  /** Ends the running invocation and every waiting one now; the sandbox stays usable (a fresh worker on the next invoke). */
  const interrupt = (): void => {
    clearTimeout(headTimer);
    headTimer = undefined;
    discardWorkerNow();
    for (const invocation of queue.splice(0)) leave(invocation, INTERRUPTED);
    if (retired) void dispose();
  };

  const retire = (): void => {
    retired = true;
    if (queue.length === 0) void dispose();
  };

  const dispose = async (): Promise<void> => {
    disposed = true;
    clearTimeout(headTimer);
    for (const waiting of queue.splice(0)) leave(waiting, stoppedOutcome());
    const target = worker;
    worker = undefined;
    if (target) await target.terminate();
  };

  return { invoke, interrupt, dispose, retire, bootRuntime };
}

export type Sandbox = ReturnType<typeof createSandbox>;
