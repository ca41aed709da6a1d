/**
 * `npm start` as users run it (the compiled CLI, the project's ws.config.ts), on free ports, in memory, with its
 * `--timings`: launched as a process of its own, resolved once its outputs file is written.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FREE_PORT_FLAGS } from '../../scripts/start-options.ts';

const GIVE_UP_MS = 60_000;

export interface CompiledStart {
  /** Milliseconds from launching the process to its outputs file written. */
  readyMs: number;
  outputs: Record<string, string>;
  /** The stack's process id (its CPU time per thread: bench/local-stack/thread-cpu.ts). */
  pid: number;
  /** What the process printed so far (stdout). */
  printed(): string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** The Node.js binary to run it with (default: this process's). */
  node?: string;
  /** Node flags for the stack's process, e.g. `--cpu-prof` to see what its first calls do. */
  nodeArgs?: string[];
}

export async function launchCompiledStart(options: LaunchOptions = {}): Promise<CompiledStart> {
  const folder = mkdtempSync(join(tmpdir(), 'npm-start-bench-'));
  const outputsFile = join(folder, 'outputs.json');
  const started = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn(
    options.node ?? process.execPath,
    [
      ...(options.nodeArgs ?? []),
      'bin/compiled.mjs',
      'start',
      '--memory',
      ...FREE_PORT_FLAGS,
      '--local-dir',
      folder,
      '--outputs',
      outputsFile,
      '--timings',
      '--quiet',
    ],
    { stdio: 'pipe' },
  );
  let printed = '';
  let warnings = '';
  child.stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  // Its warnings (template settings not emulated) are the same every start: shown only when the start fails.
  child.stderr.on('data', (chunk: Buffer) => {
    warnings += chunk.toString();
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    // Polled: the outputs file is written whole and renamed into place (run-local-stack.ts).
    while (!existsSync(outputsFile)) {
      if (child.exitCode !== null || performance.now() - started > GIVE_UP_MS)
        throw new Error(`npm start did not write its outputs (exit ${child.exitCode})\n${printed}${warnings}`);
      await sleep(2);
    }
    const readyMs = performance.now() - started;
    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, string>;
    return { readyMs, outputs, pid: child.pid ?? 0, printed: () => printed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
