/** `npm start` as a child process (the way users run the local stack), for crash and signal tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOutputs } from '../../local/stack/index.ts';
import { FREE_PORT_FLAGS } from '../../scripts/start-options.ts';

export interface StartedProcess {
  child: ChildProcess;
  outputs: LocalOutputs;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts `scripts/start.ts` on free ports with `args`, and waits (up to `timeoutMs`) for its outputs file. */
export async function startNpmStart(args: readonly string[], timeoutMs: number): Promise<StartedProcess> {
  const outputsFile = join(mkdtempSync(join(tmpdir(), 'npm-start-')), 'outputs.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/start.ts', ...FREE_PORT_FLAGS, '--outputs', outputsFile, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const deadline = Date.now() + timeoutMs;
  while (!printed.includes('Local stack running') && Date.now() < deadline && child.exitCode === null)
    await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(outputsFile) || !printed.includes('Local stack running')) {
    child.kill('SIGKILL');
    throw new Error(`npm start did not start within ${timeoutMs} ms:\n${printed}`);
  }
  return {
    child,
    outputs: JSON.parse(readFileSync(outputsFile, 'utf8')) as LocalOutputs,
    output: () => printed,
    exited,
  };
}
