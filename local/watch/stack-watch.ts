import { relative } from 'node:path';
import type { LocalStack } from '../stack/index.ts';
import type { LocalLog } from '../shared/log.ts';
import { watchFiles, type FileWatcher } from './file-watcher.ts';
import { watchFunctions } from './function-watch.ts';

/** A template and the files it is made from (the config and its imports, workflow definitions; or the template file). */
export interface TemplateBuild {
  text: string;
  sources: string[];
}

export interface StackWatchOptions {
  /** The template the stack runs now. */
  initial: TemplateBuild;
  /** Makes the template again after one of its sources changed; throws (a config error) to keep the stack as it is. */
  rebuild(): Promise<TemplateBuild>;
  /** Starts a stack on this template text, on these ports (the running stack's, so every URL stays the same). */
  start(templateText: string, ports: LocalStack['ports'] | undefined): Promise<LocalStack>;
  /** Told each stack that starts after an edit (print its outputs, write the outputs file). */
  started(stack: LocalStack): void;
  /** Folders never watched for function code (the stack's bundles, data and logs). */
  ignore: readonly string[];
  log: LocalLog;
  debounceMs?: number;
}

export interface WatchedStack {
  /** The stack running now; undefined while a restart is under way or after one failed twice. */
  current(): LocalStack | undefined;
  /** Settles once the edits seen so far are handled (tests wait on it). */
  idle(): Promise<void>;
  /** Stops watching and the stack. */
  stop(): Promise<void>;
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Watch mode around a running stack. A function's code changing rebuilds that function (function-watch.ts). A
 * template source changing makes the template again: when it differs, the stack stops with 1012 Service Restart for
 * every connection and starts on the new template, on the same ports. A bad edit (the config or the template
 * refused, a bundle that does not build) leaves the running stack as it was and logs why. A new template that fails
 * to start brings back the one that ran before. Edits are handled one at a time, in order.
 */
export async function watchStack(first: LocalStack, options: StackWatchOptions): Promise<WatchedStack> {
  let stack: LocalStack | undefined = first;
  let ports = first.ports;
  let running = options.initial;
  let stopped = false;
  let queue = Promise.resolve();
  const enqueue = (task: () => Promise<void>): void => {
    queue = queue
      .then(() => (stopped ? undefined : task()))
      .catch((error: unknown) => options.log(`unexpected: ${describeError(error)}`, 'error'));
  };

  let functionWatch: { close(): void } | undefined;
  let templateWatch: FileWatcher | undefined;
  const watchCurrent = (): void => {
    functionWatch?.close();
    templateWatch?.close();
    if (stopped) return;
    if (stack)
      functionWatch = watchFunctions(stack.functions, {
        ignore: options.ignore,
        enqueue,
        log: options.log,
        ...(options.debounceMs ? { debounceMs: options.debounceMs } : {}),
      });
    templateWatch = watchFiles(
      { files: running.sources, folders: [] },
      (paths) => enqueue(() => templateChanged(paths)),
      options.debounceMs,
    );
  };

  const startOn = async (build: TemplateBuild): Promise<LocalStack> => {
    const started = await options.start(build.text, ports);
    ports = started.ports;
    return started;
  };

  const templateChanged = async (paths: string[]): Promise<void> => {
    const what = paths.map((path) => relative(process.cwd(), path) || path).join(', ');
    let next: TemplateBuild;
    try {
      next = await options.rebuild();
    } catch (error) {
      options.log(
        `${what} changed, and ${describeError(error)}\n(the stack keeps running as it was; fix the edit to go on)`,
        'error',
      );
      return;
    }
    if (next.text === running.text && stack !== undefined) {
      running = next; // the same template: only what it is made from may differ
      watchCurrent();
      return;
    }
    options.log(
      `${what} changed: restarting the stack on the new template (connections close with 1012 Service Restart)`,
      'warn',
    );
    await stack?.stop({ restarting: true });
    stack = undefined;
    try {
      stack = await startOn(next);
      running = next;
    } catch (error) {
      options.log(
        `the new template does not start: ${describeError(error)}\n(starting the previous template again)`,
        'error',
      );
      try {
        stack = await startOn(running);
      } catch (again) {
        options.log(
          `the previous template does not start either: ${describeError(again)}\n(no stack runs until the next edit)`,
          'error',
        );
        running = { ...running, sources: [...new Set([...running.sources, ...next.sources])] };
      }
    }
    if (stack) options.started(stack);
    watchCurrent();
  };

  watchCurrent();
  return {
    current: () => stack,
    idle: () => queue,
    async stop() {
      stopped = true;
      functionWatch?.close();
      templateWatch?.close();
      await queue;
      await stack?.stop();
      stack = undefined;
    },
  };
}
