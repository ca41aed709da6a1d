import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIdSource } from '../../../local/api/ids.ts';

describe('gateway ids', () => {
  it('are shaped like API Gateway ids (16 characters, URL-safe base64 of 11 bytes, ending in =) and unique across refills', () => {
    const next = createIdSource();
    const ids = Array.from({ length: 2_000 }, next); // several refills of the random pool
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{15}=$/);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(Buffer.from(ids[0]!, 'base64url').length, 11);
  });

  it('come from independent sources per gateway', () => {
    const first = Array.from({ length: 10 }, createIdSource());
    const second = Array.from({ length: 10 }, createIdSource());
    assert.equal(new Set([...first, ...second]).size, 20);
  });
});
