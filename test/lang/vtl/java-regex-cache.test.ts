/** java.lang.String's replaceAll/replaceFirst with an engine's cache: the same answers and errors as without one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJavaRegexCache, replaceAll, replaceFirst } from '../../../lang/vtl/java-regex-ops.ts';
import { mapEntries, mapKeys } from '../../../lang/vtl/java-values.ts';

describe('Java regex replacements with a cache', () => {
  it('gives the uncached answer, match or no match, for many more replacements than the cache keeps', () => {
    const cache = createJavaRegexCache();
    const subjects = ["it's", 'plain', "a\\'b", '', "''"];
    for (let round = 0; round < 2; round += 1) {
      for (let n = 0; n < 600; n += 1) {
        const replacement = `<${n}>`;
        for (const s of subjects) {
          assert.equal(replaceAll(s, "\\\\'", replacement, cache), replaceAll(s, "\\\\'", replacement));
          assert.equal(replaceFirst(s, "'", replacement, cache), replaceFirst(s, "'", replacement));
        }
      }
    }
    assert.ok(cache.replacementCount <= 256, `kept ${cache.replacementCount}`);
    assert.equal(replaceAll("a\\'b", "\\\\'", "'", cache), "a'b");
    assert.equal(replaceAll('x', '', '-', cache), '-x-', 'an empty match still replaces');
  });

  it('refuses an illegal replacement even when nothing matches, on every call', () => {
    const cache = createJavaRegexCache();
    for (let i = 0; i < 3; i += 1) {
      assert.throws(() => replaceAll('bbb', 'a', '$2', cache), /^JavaMethodError: No group 2$/);
      assert.throws(() => replaceAll('bbb', 'a', '$2'), /^JavaMethodError: No group 2$/);
    }
  });
});

describe('Java map keys', () => {
  it('are the entries keys, in order, without function values', () => {
    const map = { b: 1, a: 'x', eval: () => 1, c: null, 1: 'one' };
    assert.deepEqual(
      mapKeys(map),
      mapEntries(map).map(([key]) => key),
    );
    assert.deepEqual(mapKeys(map), ['1', 'b', 'a', 'c']);
  });
});
