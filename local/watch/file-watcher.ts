import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, basename, sep } from 'node:path';

/** What to watch: single files (a bundle's inputs, a config, a template) and whole folders (code run in place). */
export interface WatchTargets {
  files: readonly string[];
  folders: readonly string[];
  /** Absolute folders never watched inside a watched folder (the stack's own bundles, data and logs). */
  ignore?: readonly string[];
}

export interface FileWatcher {
  close(): void;
}

/** Folders whose changes are not the user's code: packages, the stack's and tools' own (hidden) folders, bytecode. */
const SKIPPED_FOLDER = /^(node_modules|__pycache__|\..*)$/;

/**
 * Calls `onChange` with the changed paths once they have been quiet for `debounceMs` (an editor's save is often a
 * write, a rename and a chmod; a formatter runs right after). Files are watched through their folder, not their
 * inode, so an editor that saves by replacing the file is still seen. Folders are watched one directory at a time
 * (node:fs `recursive` would also walk node_modules), new sub-folders included.
 */
export function watchFiles(targets: WatchTargets, onChange: (paths: string[]) => void, debounceMs = 150): FileWatcher {
  const watchers: FSWatcher[] = [];
  const watchedDirectories = new Set<string>();
  const wantedFiles = new Map<string, Set<string>>();
  const ignored = new Set(targets.ignore ?? []);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const changed = (path: string): void => {
    if (closed) return;
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending = new Set();
      onChange(paths);
    }, debounceMs);
  };
  const open = (directory: string, listener: (file: string) => void): void => {
    try {
      const watcher = watch(directory, (_event, file) => {
        if (file !== null) listener(file.toString());
      });
      watcher.on('error', () => watcher.close()); // the folder went away: nothing left to watch there
      watchers.push(watcher);
    } catch {
      // A folder that does not exist (yet): its files cannot change the running code.
    }
  };

  const watchTree = (folder: string): void => {
    if (watchedDirectories.has(folder) || ignored.has(folder)) return;
    watchedDirectories.add(folder);
    open(folder, (file) => {
      const path = join(folder, file);
      if (isSkipped(file) || ignored.has(path)) return;
      if (isDirectory(path)) watchTree(path);
      changed(path);
    });
    for (const entry of safeReaddir(folder)) {
      if (entry.isDirectory() && !isSkipped(entry.name)) watchTree(join(folder, entry.name));
    }
  };

  for (const file of targets.files) {
    const directory = dirname(file);
    const names = wantedFiles.get(directory) ?? new Set<string>();
    names.add(basename(file));
    wantedFiles.set(directory, names);
  }
  for (const folder of targets.folders) watchTree(folder);
  for (const [directory, names] of wantedFiles) {
    open(directory, (file) => {
      if (names.has(file)) changed(join(directory, file));
    });
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

const isSkipped = (name: string): boolean => name.split(sep).some((part) => SKIPPED_FOLDER.test(part));

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

function safeReaddir(folder: string) {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}
