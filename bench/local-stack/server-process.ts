import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, ServerKind } from './ipc-messages.ts';
import { nextEvent } from './next-event.ts';

const ENTRY = fileURLToPath(new URL('./server-entry.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_DEADLINE_MS = 60_000;
const REPLY_DEADLINE_MS = 10_000;

export interface ServerProcess {
  kind: ServerKind;
  /** The server's process, whose threads' CPU time the bench reads (0: not known). */
  pid: number;
  /** Where clients connect: the raw server, or the stack's Distribution (edge). */
  url: string;
  /** A full URL that skips the edge: the stack's APIEndpoint (the raw server: any path). */
  directUrl: string;
  /** Headers the direct clients send (the edge's secret for the stack). */
  directHeaders: Record<string, string>;
  /** The child's RSS after a GC and a short settle. */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export interface ForkOptions {
  /** Extra node flags for the child, e.g. `--cpu-prof` to profile the server under test. */
  execArgv?: string[];
}

/** Forks the server under test (server-entry.ts) and resolves when it listens. */
export async function startServerProcess(kind: ServerKind, options: ForkOptions = {}): Promise<ServerProcess> {
  const child = fork(ENTRY, [kind], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc', ...(options.execArgv ?? [])],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, START_DEADLINE_MS, `${kind} server start`);
  if (ready.type !== 'ready') {
    child.kill();
    throw new Error(`${kind} server failed to start: ${ready.type === 'failed' ? ready.message : ready.type}`);
  }
  return {
    kind,
    pid: child.pid ?? 0,
    url: ready.url,
    directUrl: ready.directUrl,
    directHeaders: ready.directHeaders,
    rssBytes: async () => {
      const reply = nextMessage(child, REPLY_DEADLINE_MS, `${kind} server RSS`);
      post(child, { type: 'measure-rss' });
      const message = await reply;
      if (message.type !== 'rss') throw new Error(`${kind} server answered ${message.type} to measure-rss`);
      return message.rssBytes;
    },
    stop: () => stopChild(child),
  };
}

function post(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

function nextMessage(child: ChildProcess, deadlineMs: number, what: string): Promise<ChildMessage> {
  return nextEvent<ChildMessage>(child, {
    event: 'message',
    failEvent: 'exit',
    deadlineMs,
    timeout: `${what}: no answer within ${deadlineMs} ms`,
    failure: (code) => `${what}: the server process exited (${String(code)})`,
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), START_DEADLINE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    post(child, { type: 'stop' });
  });
}
