/**
 * bin/code-cache.mjs reads a compiled bundle as one-byte text when it is ASCII (what build-dist.mjs writes) and as
 * UTF-8 otherwise: either way the bundle must see its own text exactly as written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
// @ts-expect-error: plain JavaScript without types (it runs before anything is compiled)
import { runWithCodeCache } from '../../bin/code-cache.mjs';

const SEEN = Symbol.for('apigw-ws-integrations.test.code-cache');

describe('runWithCodeCache', () => {
  const folder = mkdtempSync(join(tmpdir(), 'code-cache-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const text of ['ASCII only: ~!@#$%^&*()', 'é ünïcödé 😀 \u0085 \ufeff', '\u00ff\u0100 latin-1 and beyond']) {
    it(`runs a bundle holding ${JSON.stringify(text)} with that text as written`, () => {
      const bundle = join(folder, `bundle-${text.length}.cjs`);
      // Raw characters in a string and in a comment, as esbuild would leave them in a comment.
      writeFileSync(bundle, `// ${text}\nglobalThis[Symbol.for(${JSON.stringify(SEEN.description)})] = '${text}';\n`);
      // A cache folder that cannot be made (under a file): the write at exit fails silently, as on a read-only install.
      runWithCodeCache(bundle, join(bundle, 'no-cache-here'));
      assert.equal((globalThis as Record<symbol, unknown>)[SEEN], text);
    });
  }
});
