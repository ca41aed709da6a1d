import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandomText } from '../../../local/shared/random-text.ts';

describe('pooled random ids', () => {
  it('draws ids of the asked size and alphabet, all different, across several refills of the pool', () => {
    const draw = createRandomText(42, 'base64', 8);
    const ids = Array.from({ length: 50 }, draw); // six refills and a part
    for (const id of ids) assert.match(id, /^[A-Za-z0-9+/]{56}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('base64url ids use - and _ and no padding', () => {
    const draw = createRandomText(11, 'base64url', 4);
    const ids = Array.from({ length: 400 }, draw);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{15}$/);
    assert.equal(new Set(ids).size, ids.length);
  });
});
