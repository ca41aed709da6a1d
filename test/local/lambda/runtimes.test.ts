/** Which Lambda runtime identifiers run locally, and which are deprecated on a given day. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runtimeSupport } from '../../../local/lambda/runtimes.ts';

describe('Lambda runtimes', () => {
  it('runs Node.js and Python identifiers, deprecated from their deprecation date on', () => {
    const day = new Date('2026-05-01T12:00:00Z');
    assert.deepEqual(runtimeSupport('nodejs12.x', day), { kind: 'runs', family: 'nodejs', deprecated: true });
    assert.deepEqual(runtimeSupport('nodejs20.x', day), { kind: 'runs', family: 'nodejs', deprecated: true });
    assert.deepEqual(runtimeSupport('nodejs20.x', new Date('2026-04-29T23:59:59Z')), {
      kind: 'runs',
      family: 'nodejs',
      deprecated: false,
    });
    assert.deepEqual(runtimeSupport('nodejs22.x', day), { kind: 'runs', family: 'nodejs', deprecated: false });
    assert.deepEqual(runtimeSupport('python3.8', day), { kind: 'runs', family: 'python', deprecated: true });
    assert.deepEqual(runtimeSupport('python3.12', day), { kind: 'runs', family: 'python', deprecated: false });
  });

  it('names why a runtime does not run: other languages, Python 2, unknown identifiers, none at all', () => {
    for (const runtime of [
      'java21',
      'go1.x',
      'provided.al2',
      'dotnet8',
      'ruby3.3',
      'nodejs99.x',
      'python3.99',
      'constructor',
      '__proto__',
    ]) {
      assert.deepEqual(runtimeSupport(runtime), {
        kind: 'not-run',
        reason: `its runtime ${runtime} is not run locally (Node.js and Python runtimes are)`,
      });
    }
    assert.equal(
      (runtimeSupport('python2.7') as { reason: string }).reason,
      'python2.7 needs Python 2, which the local stack does not run',
    );
    assert.equal(
      (runtimeSupport(undefined) as { reason: string }).reason,
      'it has no Runtime (a container image, or a property missing)',
    );
  });
});
