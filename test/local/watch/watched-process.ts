import { existsSync, readFileSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';

/** A local stack started as a user starts it, in watch mode, with everything it prints kept for the test to read. */
export interface WatchedProcess {
  child: ResultPromise<{ reject: false; all: true }>;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Waits until `pattern` is in the output after `from` (a length of output() taken before the change). */
  printed(what: string, pattern: RegExp, from: number, timeoutMs?: number): Promise<void>;
  /** The outputs file once written (the `--outputs` argument). */
  outputs(file: string): Promise<Record<string, string>>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | undefined>;
}

export async function until(
  what: string,
  check: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the output:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function startWatched(script: string, args: string[]): WatchedProcess {
  const child = execa(process.execPath, ['--import', 'tsx', script, ...args], { reject: false, all: true });
  let text = '';
  child.all.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    child,
    output: () => text,
    printed: (what, pattern, from, timeoutMs = 30_000) =>
      until(
        what,
        () => pattern.test(text.slice(from)),
        timeoutMs,
        () => text.slice(from),
      ),
    async outputs(file) {
      await until(
        'the outputs file',
        () => existsSync(file) || child.exitCode !== null,
        60_000,
        () => text,
      );
      if (!existsSync(file)) throw new Error(`no outputs file; the output:\n${text}`);
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    },
    async stop() {
      child.kill('SIGTERM');
      return (await child).exitCode;
    },
  };
}
