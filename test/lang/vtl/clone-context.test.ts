/** A render's `$context` copy: always what structuredClone gives, key order, prototypes and shared members included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloneContext } from '../../../lang/vtl/clone-context.ts';
import type { EventInput, EventType } from '../../../local/api/types.ts';
import { buildVtlContext } from '../../../local/api/vtl-request.ts';
import { requestCorpus } from './request-corpus.ts';

/**
 * Whether `actual` is `expected` copied as structuredClone copies: the same primitives (Object.is), the same
 * prototypes, the same own keys in the same order, and the same sharing (one object of one is one object of the other).
 */
function assertSameClone(actual: unknown, expected: unknown, pairs = new Map<object, object>(), path = '$'): void {
  if (typeof expected !== 'object' || expected === null) {
    assert.ok(Object.is(actual, expected), `${path}: ${String(actual)} is not ${String(expected)}`);
    return;
  }
  assert.ok(typeof actual === 'object' && actual !== null, `${path}: not an object`);
  const paired = pairs.get(expected);
  if (paired !== undefined) {
    assert.equal(actual, paired, `${path}: sharing differs`);
    return;
  }
  assert.ok(![...pairs.values()].includes(actual), `${path}: one copy stands for two objects`);
  pairs.set(expected, actual);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${path}: prototype`);
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: array or not`);
  assert.deepEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected), `${path}: own keys`);
  for (const key of Reflect.ownKeys(expected)) {
    const name = String(key);
    assertSameClone(
      (actual as Record<PropertyKey, unknown>)[key],
      (expected as Record<PropertyKey, unknown>)[key],
      pairs,
      `${path}.${name}`,
    );
  }
}

function assertClonesLikeStructuredClone(context: Record<string, unknown>): void {
  const expected = structuredClone(context);
  const actual = cloneContext(context);
  assert.notEqual(actual, context);
  assertSameClone(actual, expected);
}

const BASE: EventInput = {
  connectionId: 'abcdEFGHijklMN=',
  connectedAt: 1_765_000_000_000,
  requestTimeEpoch: 1_765_000_000_123,
  requestId: 'reqIdABCDEFGHI=',
  routeKey: '$connect',
  stage: 'dev',
  apiId: 'abc123defg',
  domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
  sourceIp: '127.0.0.1',
  headers: {},
  multiValueHeaders: {},
  query: {},
  multiValueQuery: {},
};

const hostileValues: Record<string, string> = JSON.parse(
  '{"principalId":"user \\"1\\"","__proto__":"proto","constructor":"c","a.b":"dotted","":"empty","10":"ten","2":"two"}',
);

describe('cloneContext', () => {
  it("copies the gateway's $context of every event type as structuredClone does", () => {
    const inputs: EventInput[] = [
      BASE,
      { ...BASE, userAgent: 'ua', messageId: 'mid', apiKey: { id: 'i', value: 'v' } },
      { ...BASE, authorizer: { values: { principalId: 'p', role: 'admin' }, integrationLatency: 3 } },
      { ...BASE, authorizer: { values: hostileValues, integrationLatency: 3 } },
    ];
    for (const input of inputs) {
      for (const eventType of ['connect', 'message', 'disconnect'] as EventType[]) {
        assertClonesLikeStructuredClone(buildVtlContext(eventType, input));
      }
    }
  });

  it('copies every context of the differential request corpus as structuredClone does', () => {
    for (const request of requestCorpus()) assertClonesLikeStructuredClone(request.context);
  });

  it('keeps primitives structuredClone keeps: NaN, -0, undefined, BigInt, null', () => {
    assertClonesLikeStructuredClone({ nan: Number.NaN, negativeZero: -0, missing: undefined, big: 10n, none: null });
  });

  it('gives a null-prototype object the Object prototype, and keeps integer keys first', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, 10: 'ten', a: 2, 2: 'two' });
    assertClonesLikeStructuredClone({ bare });
  });

  it('keeps shared and cyclic members shared, as structuredClone does', () => {
    const shared = { sourceIp: '1.2.3.4' };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    assertClonesLikeStructuredClone({ identity: shared, again: shared, list: [shared], cyclic });
    const context = { identity: shared, again: shared };
    const copy = cloneContext(context);
    assert.equal(copy['identity'], copy['again']);
  });

  it('copies what is not plain data as structuredClone does', () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
    const sparse = [1, , 3];
    const extra = Object.assign([1, 2], { note: 'extra member' });
    class Custom {
      value = 1;
    }
    const protoKey: Record<string, unknown> = JSON.parse('{"__proto__":{"polluted":1},"kept":true}');
    assertClonesLikeStructuredClone({
      sparse,
      extra,
      date: new Date(0),
      map: new Map([['k', { v: 1 }]]),
      set: new Set([1]),
      boxed: Object('text') as object,
      custom: new Custom(),
      protoKey,
      regexp: /x/g,
      bytes: new Uint8Array([1, 2]),
    });
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 40; level += 1) deep = { deep };
    assertClonesLikeStructuredClone(deep);
  });

  it('throws where structuredClone throws: a function, a symbol, a proxy', () => {
    for (const value of [() => 1, Symbol('s'), new Proxy({}, {})]) {
      const context = { nested: { value } };
      assert.throws(() => structuredClone(context), { name: 'DataCloneError' });
      assert.throws(() => cloneContext(context), { name: 'DataCloneError' });
    }
  });

  it('never shares an object with its input, so a render changing its copy leaves the caller untouched', () => {
    const context = buildVtlContext('connect', { ...BASE, userAgent: 'ua' });
    const copy = cloneContext(context);
    (copy['identity'] as Record<string, unknown>)['sourceIp'] = 'changed';
    assert.equal((context['identity'] as Record<string, unknown>)['sourceIp'], '127.0.0.1');
  });
});
