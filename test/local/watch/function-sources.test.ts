/** Which functions an edit touches, without starting anything. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionsUsing } from '../../../local/watch/index.ts';

describe('functionsUsing', () => {
  const sources = new Map([
    ['Bundled', { files: ['/app/handlers/echo.ts', '/app/lib/shared.ts'], folders: [] }],
    ['Other', { files: ['/app/handlers/other.ts', '/app/lib/shared.ts'], folders: [] }],
    ['InPlace', { files: [], folders: ['/app/inplace'] }],
  ]);

  it('names every function whose bundle has the file among its inputs, or whose code folder holds it', () => {
    assert.deepEqual(functionsUsing(sources, ['/app/handlers/echo.ts']), ['Bundled']);
    assert.deepEqual(functionsUsing(sources, ['/app/lib/shared.ts']), ['Bundled', 'Other']);
    assert.deepEqual(functionsUsing(sources, ['/app/inplace/deep/util.js']), ['InPlace']);
  });

  it('does not take a folder whose name merely starts like a code folder, nor a file no bundle read', () => {
    assert.deepEqual(functionsUsing(sources, ['/app/inplace-old/index.js']), []);
    assert.deepEqual(functionsUsing(sources, ['/app/handlers/echo.ts.swp', '/app/README.md']), []);
  });
});
