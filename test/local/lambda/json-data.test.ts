import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOT_PLAIN, copyPlainJson } from '../../../local/lambda/json-data.mjs';

const viaJson = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

/** Values on both sides of the plain-data line; for each, the copy must be NOT_PLAIN or exactly JSON's answer. */
function corpus(): Array<[string, unknown]> {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let level = 0; level < 40; level += 1) {
    cursor.next = {};
    cursor = cursor.next as Record<string, unknown>;
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  return [
    ['string with quotes, controls and a lone surrogate', 'a"b\\c\n\u0001\ud800'],
    ['integer-like keys after string keys', { b: 1, 2: 'two', a: [1, { 1: 'x', z: 'y' }], 1: 'one' }],
    ['null-prototype object', Object.assign(Object.create(null), { a: 1 })],
    ['numbers', [0, 1.5, -2, 1e21, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE]],
    ['-0, NaN, Infinity', [-0, Number.NaN, Number.NEGATIVE_INFINITY]],
    ['undefined member', { a: undefined, b: 1 }],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test.
    ['undefined array item and hole', [undefined, , 1]],
    ['function and symbol members', { f: () => 1, s: Symbol('s'), k: 1 }],
    ['Date', { when: new Date(0) }],
    ['toJSON member', { toJSON: () => 'replaced' }],
    ['non-function toJSON member', { toJSON: 1 }],
    [
      'class instance',
      new (class Point {
        x = 1;
      })(),
    ],
    ['Map and Set', { map: new Map([[1, 2]]), set: new Set([1]) }],
    ['boxed string', Object('boxed')],
    ['array with an extra property', Object.assign([1, 2], { extra: true })],
    ['__proto__ own member (as JSON.parse makes it)', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
    ['40 levels deep', deep],
    ['cycle', cyclic],
    ['symbol-keyed member', { [Symbol('hidden')]: 1, shown: 2 }],
    ['non-enumerable member', Object.defineProperty({ shown: 1 }, 'hidden', { value: 2, enumerable: false })],
    ['top-level primitives', ['x', true, null, 3]],
  ];
}

describe('copyPlainJson: what JSON.parse(JSON.stringify(value)) gives, without the text', () => {
  it('gives exactly the JSON round trip, member order included, or NOT_PLAIN', () => {
    const copiedNames: string[] = [];
    for (const [name, value] of corpus()) {
      let expected: unknown;
      try {
        expected = viaJson(value);
      } catch {
        assert.equal(copyPlainJson(value), NOT_PLAIN, `${name}: JSON throws, so the copy must leave it to JSON`);
        continue;
      }
      const copied = copyPlainJson(value);
      if (copied === NOT_PLAIN) continue;
      assert.deepStrictEqual(copied, expected, name);
      assert.equal(JSON.stringify(copied), JSON.stringify(expected), `${name}: member order`);
      copiedNames.push(name);
    }
    // The plain ones were copied, not all left to JSON.
    assert.deepEqual(copiedNames, [
      'string with quotes, controls and a lone surrogate',
      'integer-like keys after string keys',
      'null-prototype object',
      'numbers',
      'non-function toJSON member',
      'array with an extra property',
      'symbol-keyed member',
      'non-enumerable member',
      'top-level primitives',
    ]);
  });

  it('copies the plain shapes an invocation carries (events, {statusCode, body}) rather than leaving them to JSON', () => {
    const event = {
      requestContext: { routeKey: '$default', connectedAt: 1, identity: { sourceIp: '127.0.0.1' } },
      body: 'x',
      isBase64Encoded: false,
    };
    const copied = copyPlainJson(event);
    assert.notEqual(copied, NOT_PLAIN);
    assert.notEqual(copied, event, 'a fresh copy');
    assert.deepStrictEqual(copied, event);
    assert.deepStrictEqual(copyPlainJson({ statusCode: 200, body: '{"a":1}' }), { statusCode: 200, body: '{"a":1}' });
  });

  it('leaves to JSON what JSON changes or rejects', () => {
    for (const value of [{ a: undefined }, [-0], { n: Number.NaN }, new Date(0), { big: 1n }, Object('s'), new Map()]) {
      assert.equal(copyPlainJson(value), NOT_PLAIN, String(value));
    }
  });

  it('a prototype is never changed by a __proto__ member', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}');
    assert.equal(copyPlainJson(parsed), NOT_PLAIN);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads each member once, as JSON.stringify does', () => {
    let reads = 0;
    const value = {
      get counted() {
        reads += 1;
        return 'v';
      },
    };
    assert.deepStrictEqual(copyPlainJson(value), { counted: 'v' });
    assert.equal(reads, 1);
  });
});
