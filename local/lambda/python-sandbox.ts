import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InvocationFigures, InvocationLog } from './invocation-log.ts';
import { createSandboxLog } from './sandbox-log.ts';
import { CALLER_GONE, DEADLINE_PASSED, INTERRUPTED, THROTTLED, stoppedOutcome } from './outcomes.ts';
import type { InvokeLimits, InvokeOutcome, LambdaFunctionSpec } from './types.ts';
import { packageFile } from '../../shared/package-file.ts';

const BRIDGE_FILE = packageFile(import.meta.url, 'local/lambda/python-bridge.py');

interface BridgeAnswer {
  figures?: InvocationFigures;
  id: number;
  ok: boolean;
  fatal: boolean;
  resultJson?: string;
  errorType?: string;
  errorMessage?: string;
  stackTrace?: string[];
}

interface Waiting {
  id: number;
  requestId: string;
  event: unknown;
  limits: InvokeLimits;
  settle(outcome: InvokeOutcome): void;
}

export interface PythonSandboxSettings {
  spec: LambdaFunctionSpec;
  /** The interpreter's absolute path (python.ts finds it once per service). */
  python: string;
  environment: Record<string, string>;
  invokedFunctionArn: string;
  /** Invocations in flight (running and waiting) beyond which more are throttled, as for Node.js sandboxes. */
  maxInFlight: number;
  /** Where each invocation's START, output (print, logging), END and REPORT lines go. */
  invocationLog?: InvocationLog;
  /** The API's host names lead to the local TLS front (port) inside the process; `caBundle` holds its certificate. */
  localApi?: { caBundle: string; hostNames: string[]; port: number };
}

/** Read (and removed from the environment, so the handler never sees it) by python-bridge.py. */
const LOCAL_API_VARIABLE = '_APIGW_LOCAL_API_REACH';

/**
 * One warm Lambda sandbox for a Python function: a `python3` process running python-bridge.py, which imports the
 * handler once and runs one invocation at a time. Invocations queue here; each one's timeout starts when it is
 * sent (when the one before it ended). A timeout, an init error or the process dying discards the process; the
 * next invocation starts a fresh one (a cold start). The handler's stdout and stderr are this process's. Bounded
 * like the Node.js sandbox: at most `maxInFlight` in flight, and a waiting invocation whose caller went away or
 * whose deadline passed never starts. `-B`: no bytecode is written into the code folder (Lambda's is read-only).
 */
export function createPythonSandbox({
  spec,
  python,
  environment,
  invokedFunctionArn,
  maxInFlight,
  localApi,
  invocationLog,
}: PythonSandboxSettings) {
  let child: ChildProcess | undefined;
  let requests: Writable | undefined;
  const queue: Waiting[] = [];
  let running: { waiting: Waiting; timer: NodeJS.Timeout; startedAt: number } | undefined;
  let nextId = 1;
  let disposed = false;
  const log = createSandboxLog(invocationLog);
  /** Replaced by a newer build (watch mode): disposed once the invocations in flight have ended. */
  let retired = false;

  const discard = (): void => {
    const old = child;
    child = undefined;
    requests = undefined;
    old?.kill('SIGKILL');
  };

  const finish = (outcome: InvokeOutcome, discardProcess: boolean, figures?: InvocationFigures): void => {
    if (!running) return;
    clearTimeout(running.timer);
    const { waiting } = running;
    log.finished(waiting.requestId, outcome, running.startedAt, figures);
    running = undefined;
    if (discardProcess) discard();
    waiting.settle(outcome);
    sendNext();
  };

  const spawnBridge = (): void => {
    const created = spawn(
      python,
      ['-u', '-B', BRIDGE_FILE, spec.codeUri, spec.handler, invokedFunctionArn, ...(spec.layers ?? [])],
      {
        env: localApi === undefined ? environment : { ...environment, [LOCAL_API_VARIABLE]: JSON.stringify(localApi) },
        cwd: spec.codeUri,
        stdio: ['ignore', invocationLog ? 'pipe' : 'inherit', invocationLog ? 'pipe' : 'inherit', 'pipe', 'pipe'],
      },
    );
    if (invocationLog) {
      const output = (line: string) => log.output(running?.waiting.requestId, line);
      createInterface({ input: created.stdout!, crlfDelay: Infinity }).on('line', output);
      createInterface({ input: created.stderr!, crlfDelay: Infinity }).on('line', output);
    }
    child = created;
    requests = created.stdio[3] as Writable;
    requests.on('error', () => undefined); // a dead process: 'exit' reports it
    createInterface({ input: created.stdio[4] as Readable }).on('line', (line) => {
      if (child !== created || running === undefined) return;
      const answer = JSON.parse(line) as BridgeAnswer;
      if (answer.id !== running.waiting.id) return;
      finish(
        answer.ok
          ? { kind: 'result', result: JSON.parse(answer.resultJson ?? 'null') as unknown }
          : {
              kind: 'error',
              errorType: answer.errorType ?? 'Error',
              errorMessage: answer.errorMessage ?? '',
              stack: answer.stackTrace ?? [],
            },
        answer.fatal,
        answer.figures,
      );
    });
    created.on('exit', (code, signal) => {
      if (child !== created) return;
      child = undefined;
      requests = undefined;
      const requestId = running?.waiting.requestId ?? '';
      finish(
        {
          kind: 'error',
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${signal ?? `exit status ${code}`}`,
        },
        false,
      );
    });
  };

  function sendNext(): void {
    if (running || disposed) return;
    let waiting = queue.shift();
    // A caller that went away or a deadline that passed while waiting: that invocation never starts.
    while (waiting && (waiting.limits.signal?.aborted === true || (waiting.limits.deadline ?? Infinity) < Date.now())) {
      waiting.settle(waiting.limits.signal?.aborted === true ? CALLER_GONE : DEADLINE_PASSED);
      waiting = queue.shift();
    }
    if (!waiting) {
      if (retired) void dispose();
      return;
    }
    if (!child) spawnBridge();
    const timer = setTimeout(
      () => finish({ kind: 'timeout', timeoutSeconds: spec.timeoutSeconds }, true),
      spec.timeoutSeconds * 1000,
    );
    running = { waiting, timer, startedAt: performance.now() };
    const deadlineMs = Date.now() + spec.timeoutSeconds * 1000;
    requests?.write(
      `${JSON.stringify({ id: waiting.id, requestId: waiting.requestId, event: waiting.event ?? null, deadlineMs })}\n`,
    );
  }

  const invoke = (event: unknown, requestId: string, limits: InvokeLimits = {}): Promise<InvokeOutcome> => {
    if (disposed) return Promise.resolve(stoppedOutcome());
    if (limits.signal?.aborted === true) return Promise.resolve(CALLER_GONE);
    if (limits.deadline !== undefined && limits.deadline < Date.now()) return Promise.resolve(DEADLINE_PASSED);
    if (queue.length + (running ? 1 : 0) >= maxInFlight) return Promise.resolve(THROTTLED);
    return new Promise<InvokeOutcome>((resolve) => {
      const waiting: Waiting = { id: nextId++, requestId, event, limits, settle: resolve };
      queue.push(waiting);
      // A caller that goes away takes its waiting invocation out of the queue at once (settling twice is a no-op).
      limits.signal?.addEventListener(
        'abort',
        () => {
          const at = queue.indexOf(waiting);
          if (at >= 0) queue.splice(at, 1);
          if (at >= 0) resolve(CALLER_GONE);
        },
        { once: true },
      );
      sendNext();
    });
  };

  /** Ends the running invocation and every waiting one now; the next invocation starts a fresh process. */
  const interrupt = (): void => {
    if (running) {
      clearTimeout(running.timer);
      running.waiting.settle(INTERRUPTED);
      running = undefined;
    }
    for (const waiting of queue.splice(0)) waiting.settle(INTERRUPTED);
    discard();
    if (retired) void dispose();
  };

  const retire = (): void => {
    retired = true;
    if (!running && queue.length === 0) void dispose();
  };

  const dispose = async (): Promise<void> => {
    disposed = true;
    if (running) {
      clearTimeout(running.timer);
      running.waiting.settle(stoppedOutcome());
      running = undefined;
    }
    for (const waiting of queue.splice(0)) waiting.settle(stoppedOutcome());
    const old = child;
    discard();
    if (old && old.exitCode === null) await new Promise((resolve) => old.once('exit', resolve));
  };

  return { invoke, interrupt, dispose, retire };
}
