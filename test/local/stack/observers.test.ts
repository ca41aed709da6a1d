/** The stack's observer fan-out: every observer's hook in turn, with the gateway's arguments, in the given order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GatewayObserver } from '../../../local/api/index.ts';
import { combineObservers } from '../../../local/stack/observers.ts';

describe('combineObservers', () => {
  it('calls each observer that has a hook, in order, with the same arguments', () => {
    const calls: string[] = [];
    const first: GatewayObserver = {
      message: (id, direction, text) => calls.push(`first message ${id} ${direction} ${text}`),
      request: (values) => calls.push(`first request ${values['status']}`),
      closed: (id, code, reason) => calls.push(`first closed ${id} ${code} ${reason}`),
    };
    const second: GatewayObserver = {
      message: (id, direction, text) => calls.push(`second message ${id} ${direction} ${text}`),
      opened: (id) => calls.push(`second opened ${id}`),
      closed: (id, code, reason) => calls.push(`second closed ${id} ${code} ${reason}`),
    };
    const combined = combineObservers([first, undefined, second]);
    assert.ok(combined);
    combined.opened?.('c1');
    combined.message?.('c1', 'in', 'hello');
    combined.message?.('c1', 'out', 'world');
    combined.request?.({ status: 200 });
    combined.closed?.('c1', 1000, 'bye');
    assert.deepEqual(calls, [
      'second opened c1',
      'first message c1 in hello',
      'second message c1 in hello',
      'first message c1 out world',
      'second message c1 out world',
      'first request 200',
      'first closed c1 1000 bye',
      'second closed c1 1000 bye',
    ]);
  });

  it('leaves a hook no observer has undefined, and uses a single hook as it is', () => {
    const request = (_values: unknown) => {};
    const combined = combineObservers([{ request }, { opened: () => {} }]);
    assert.ok(combined);
    assert.equal(combined.message, undefined);
    assert.equal(combined.closed, undefined);
    assert.equal(combined.request, request);
  });

  it('returns the only observer itself, and undefined for none', () => {
    const only: GatewayObserver = { opened: () => {} };
    assert.equal(combineObservers([undefined, only]), only);
    assert.equal(combineObservers([undefined]), undefined);
  });

  it('an observer that throws stops the ones after it, as before (the gateway catches nothing here)', () => {
    const seen: string[] = [];
    const combined = combineObservers([
      {
        opened: () => {
          throw new Error('boom');
        },
      },
      { opened: (id) => seen.push(id) },
    ]);
    assert.throws(() => combined?.opened?.('c2'), /boom/);
    assert.deepEqual(seen, []);
  });
});
