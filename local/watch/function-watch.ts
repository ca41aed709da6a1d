import { relative, sep } from 'node:path';
import type { FunctionSources } from '../lambda/index.ts';
import type { LocalLog } from '../shared/log.ts';
import { watchFiles, type FileWatcher } from './file-watcher.ts';

export interface WatchedFunctions {
  sources(): ReadonlyMap<string, FunctionSources>;
  reload(functionNames: readonly string[]): Promise<void>;
}

export interface FunctionWatchOptions {
  /** Folders never watched (the stack's bundles, data and logs). */
  ignore: readonly string[];
  /** Runs the reload after work queued before it (a restart of the whole stack, another reload). */
  enqueue(task: () => Promise<void>): void;
  log: LocalLog;
  debounceMs?: number;
}

/** The functions whose code one of `paths` is: a bundle input, or a file in a folder run in place. */
export function functionsUsing(sources: ReadonlyMap<string, FunctionSources>, paths: readonly string[]): string[] {
  const names: string[] = [];
  for (const [name, { files, folders }] of sources) {
    const uses = paths.some(
      (path) => files.includes(path) || folders.some((folder) => path === folder || path.startsWith(folder + sep)),
    );
    if (uses) names.push(name);
  }
  return names;
}

/**
 * Rebuilds a function when a file of its code changes; the next invocation runs the new code, while invocations in
 * flight end on the old (the Lambda service's `reload`). A build error leaves the running code as it was and is
 * logged with the error. After each reload the watch follows the new build's inputs (an import added or removed).
 */
export function watchFunctions(functions: WatchedFunctions, options: FunctionWatchOptions): { close(): void } {
  let watcher: FileWatcher | undefined;
  let closed = false;
  const rewatch = (): void => {
    watcher?.close();
    if (closed) return;
    const all = [...functions.sources().values()];
    watcher = watchFiles(
      { files: all.flatMap((s) => s.files), folders: all.flatMap((s) => s.folders), ignore: options.ignore },
      onChange,
      options.debounceMs,
    );
  };
  const onChange = (paths: string[]): void => {
    const names = functionsUsing(functions.sources(), paths);
    if (names.length === 0) return;
    const what = paths.map((path) => relative(process.cwd(), path) || path).join(', ');
    options.enqueue(async () => {
      if (closed) return;
      try {
        await functions.reload(names);
        options.log(`${what} changed: rebuilt ${names.join(', ')}; the next invocation runs the new code`, 'info', {
          functions: names.join(','),
        });
      } catch (error) {
        options.log(
          `${what} changed, and ${error instanceof Error ? error.message : String(error)}; the previous code of ${names.join(', ')} keeps running`,
          'error',
        );
      }
      rewatch();
    });
  };
  rewatch();
  return {
    close() {
      closed = true;
      watcher?.close();
    },
  };
}
