/**
 * bin/code-cache.mjs keeps a code cache per set of V8 flags (V8 rejects a cache made under other flags), and at most
 * a few of those per bundle build: flags that change every run (`--cpu-prof-dir=<random>`) must not pile files up.
 * The plain (flagless) cache is never removed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { packageFile } from '../../shared/package-file.ts';

describe('code caches of runs with flags', () => {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-flags-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the plain cache and the four newest flagged ones of a bundle', async () => {
    const bundle = join(folder, 'bundle.cjs');
    writeFileSync(bundle, 'module.exports = 1;\n');
    const cacheDir = join(folder, 'cache');
    const runner = join(folder, 'run.mjs');
    writeFileSync(
      runner,
      `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(packageFile(import.meta.url, 'bin/code-cache.mjs')).href)};\n` +
        `runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)});\n`,
    );
    const run = (nodeOptions: string | undefined) =>
      execa(process.execPath, [runner], { env: nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions } });
    await run(undefined);
    // Distinct flags, one run each, in order (the newest last).
    for (let size = 1; size <= 6; size += 1) await run(`--max-old-space-size=${500 + size}`);
    const names = readdirSync(cacheDir).sort();
    const plain = names.filter((name) => !name.includes('.flags-'));
    const flagged = names.filter((name) => name.includes('.flags-'));
    assert.equal(plain.length, 1, names.join(', '));
    assert.equal(flagged.length, 4, names.join(', '));
    // A run with the newest flags again finds its cache (not removed): nothing new is written.
    await run('--max-old-space-size=506');
    assert.deepEqual(readdirSync(cacheDir).sort(), names);
  });
});
