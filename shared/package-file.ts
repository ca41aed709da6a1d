/**
 * A file of this package by its path from the package root. Modules find their data files and worker entries
 * through this rather than relative to themselves: the same module runs from its TypeScript source (two folders
 * deep) and bundled into a compiled CLI (dist/scripts/, bin/compiled.mjs), and only the root is the same for both.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The nearest folder holding a package.json, upwards from the module at `moduleUrl` (its import.meta.url). */
export function packageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

/**
 * The folder where this package keeps what it may recompute (compiled configs, parsed workflow definitions, ASL
 * validation results), one subfolder per kind: `node_modules/.cache/apigw-ws-integrations/<kind>`, the place tools
 * conventionally use, gone with a fresh install.
 */
export function packageCacheFolder(moduleUrl: string, kind: string): string {
  return join(packageRoot(moduleUrl), 'node_modules', '.cache', 'apigw-ws-integrations', kind);
}

/** An absolute path; a trailing `/` in `path` is kept. */
export function packageFile(moduleUrl: string, path: string): string {
  return join(packageRoot(moduleUrl), path);
}

export function packageFileUrl(moduleUrl: string, path: string): URL {
  return pathToFileURL(packageFile(moduleUrl, path));
}
