// Runs a compiled command (a CommonJS bundle in dist/scripts/) with V8's code cache: the functions V8 compiled in an
// earlier run are read back instead of parsed and compiled again. Parsing and compiling a bundle of 1-2 MB was a
// third of a `generate --check` run (issue 20). Node 22 has module.enableCompileCache() for this; Node 20 (supported
// here) has no cache for modules, only for vm.Script, so the bundles are CommonJS and run as a vm.Script.
// Plain JavaScript: it runs before anything is compiled.
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** Where build-dist.mjs keeps nothing else: it empties this folder on every build. */
export function codeCacheDir(distDir) {
  return join(distDir, 'code-cache');
}

/**
 * The cache file for this build of the bundle under this V8. V8 checks a cache against its own version and flags but
 * only the source's length, not its text: the bundle's size and modification time in the name keep a cache made from
 * an earlier build (same length, other code) from ever being used.
 */
function cacheFileFor(bundleFile, cacheDir) {
  const { size, mtimeMs } = statSync(bundleFile);
  return join(
    cacheDir,
    `${basename(bundleFile)}.${size}-${Math.round(mtimeMs)}.v8-${process.versions.v8}${flagsTag()}.bin`,
  );
}

/**
 * V8 also rejects a cache made under other flags (a heap size in NODE_OPTIONS, `--min-semi-space-size`): a run with
 * flags keeps its own cache, or runs with and without them would each reject and rewrite the other's, compiling the
 * whole bundle every time. Named by a hash of the flags (FNV-1a: node:crypto would cost more than it saves).
 */
function flagsTag() {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  if (flags === '') return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < flags.length; i += 1) hash = Math.imul(hash ^ flags.charCodeAt(i), 0x01000193);
  return `.flags-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

/** Caches of flagged runs kept per bundle build: flags that change every run (`--cpu-prof-dir=<random>`) would pile up. */
const FLAGGED_CACHES_KEPT = 4;

/** Removes the oldest flagged caches of the same bundle build beyond FLAGGED_CACHES_KEPT (the plain cache stays). */
function keepFewFlaggedCaches(cacheFile) {
  const folder = dirname(cacheFile);
  const prefix = basename(cacheFile).slice(0, basename(cacheFile).indexOf('.flags-') + '.flags-'.length);
  const flagged = readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.bin'))
    .map((name) => ({ file: join(folder, name), mtimeMs: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of flagged.slice(FLAGGED_CACHES_KEPT)) if (file !== cacheFile) rmSync(file, { force: true });
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // none yet (first run of this build): compile, and write one at exit
  }
}

/**
 * The bundle's text. build-dist.mjs writes ASCII only, read here as one-byte text: half the time of Node 20's UTF-8
 * read of the same file (about 5 of 10 ms for a 1 MB bundle), and the same string. Any other text is read as UTF-8.
 */
function readBundle(bundleFile) {
  const bytes = readFileSync(bundleFile);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Loads and runs `bundleFile` as CommonJS (its own require, __filename), with the code cache in `cacheDir`. */
export function runWithCodeCache(bundleFile, cacheDir) {
  const cacheFile = cacheFileFor(bundleFile, cacheDir);
  const cachedData = readCache(cacheFile);
  const source = readBundle(bundleFile);
  // The wrapper Node's CommonJS loader puts around a module, so the bundle sees the same five names, and the bundle's
  // import() calls (build-dist.mjs made them __compiledImport) go to Node's own loader from here.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __compiledImport) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundleFile, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so the cache holds every function this run compiled (the whole path of the command), not only
    // the bundle's top level. Never fatal: a read-only install runs without a cache.
    process.once('exit', () => {
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}`, cacheFile);
        if (cacheFile.includes('.flags-')) keepFewFlaggedCaches(cacheFile);
      } catch {}
    });
  }
  const bundleUrl = pathToFileURL(bundleFile);
  // A relative specifier is the bundle's own (resolved from dist/scripts/, not bin/); packages resolve the same from both.
  const importFromBundle = (specifier, options) =>
    import(/^\.\.?\//.test(specifier) ? new URL(specifier, bundleUrl).href : specifier, options);
  const module = { exports: {} };
  const run = script.runInThisContext();
  run(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile), importFromBundle);
}
