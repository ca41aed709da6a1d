// Whether files changed since a build from them: each file's size and modification time (null: absent), as `make`
// decides. Used by the compiled CLIs' freshness check (bin/build-dist.mjs) and the compiled-config cache
// (generator/config/import-config.ts). Plain JavaScript: build-dist.mjs runs before anything is compiled.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Keyed by each path as given; relative paths are taken from `root`. */
export function fingerprint(root, files) {
  const entries = {};
  for (const file of files) {
    const stat = statSync(resolve(root, file), { throwIfNoEntry: false });
    entries[file] = stat === undefined ? null : [stat.size, stat.mtimeMs];
  }
  return entries;
}

/** True when every file recorded in `recorded` (a fingerprint) is as it was. */
export function unchanged(root, recorded) {
  const now = fingerprint(root, Object.keys(recorded));
  return Object.entries(recorded).every(([file, was]) => JSON.stringify(was) === JSON.stringify(now[file]));
}
