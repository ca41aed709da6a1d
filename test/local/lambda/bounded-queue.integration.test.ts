/**
 * A function's invocation queue is bounded (issue 13, finding 6): past `maxInFlight` invocations are throttled; a
 * waiting invocation whose caller went away, or whose deadline passed, never runs; `interrupt()` ends running and
 * waiting work at once. The sleeper fixture counts its invocations in module scope, which shows what ran.
 */
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createLambdaService, type InvokeOutcome } from '../../../local/lambda/index.ts';
import { fixtureFunction, lambdaServiceForSuite } from './service-setup.ts';

const invocationsOf = (outcome: InvokeOutcome): number => {
  assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
  return (outcome as { result: { invocations: number } }).result.invocations;
};

describe('local Lambda: bounded queues', () => {
  const suite = lambdaServiceForSuite({
    maxInFlight: 3,
    functions: ['Throttled', 'Cancelled', 'Late', 'Interrupted'].map((name) =>
      fixtureFunction(name, 'sleeper.handler', { timeoutSeconds: 30 }),
    ),
  });

  it('throttles invocations past maxInFlight (the running one plus those waiting), then takes more once they end', async () => {
    const inFlight = [
      suite.service.invoke('Throttled', { sleepMs: 300 }),
      suite.service.invoke('Throttled', {}),
      suite.service.invoke('Throttled', {}),
    ];
    assert.deepEqual(await suite.service.invoke('Throttled', {}), { kind: 'throttled' });
    assert.deepEqual((await Promise.all(inFlight)).map(invocationsOf), [1, 2, 3]);
    assert.equal(invocationsOf(await suite.service.invoke('Throttled', {})), 4);
  });

  it('never runs a waiting invocation whose caller went away, before or after it was posted to the worker', async () => {
    const running = suite.service.invoke('Cancelled', { sleepMs: 300 });
    const beforePosting = new AbortController();
    const notPosted = suite.service.invoke('Cancelled', {}, { signal: beforePosting.signal });
    beforePosting.abort();
    const afterPosting = new AbortController();
    const posted = suite.service.invoke('Cancelled', {}, { signal: afterPosting.signal });
    await nextTurn(); // the sandbox posts what arrived in one turn to its worker
    await nextTurn();
    afterPosting.abort();
    assert.deepEqual(await notPosted, { kind: 'dropped', reason: 'caller-gone' });
    assert.deepEqual(await posted, { kind: 'dropped', reason: 'caller-gone' });
    assert.equal(invocationsOf(await running), 1);
    assert.equal(invocationsOf(await suite.service.invoke('Cancelled', {})), 2, 'the cancelled invocations never ran');
    const gone = new AbortController();
    gone.abort();
    assert.deepEqual(await suite.service.invoke('Cancelled', {}, { signal: gone.signal }), {
      kind: 'dropped',
      reason: 'caller-gone',
    });
  });

  it('never runs a waiting invocation whose deadline passed while it waited', async () => {
    const running = suite.service.invoke('Late', { sleepMs: 300 });
    const late = suite.service.invoke('Late', {}, { deadline: Date.now() + 50 });
    assert.deepEqual(await late, { kind: 'dropped', reason: 'deadline' });
    assert.equal(invocationsOf(await running), 1);
    assert.equal(
      invocationsOf(await suite.service.invoke('Late', {}, { deadline: Date.now() + 10_000 })),
      2,
      'the late invocation never ran',
    );
    assert.deepEqual(await suite.service.invoke('Late', {}, { deadline: Date.now() - 1 }), {
      kind: 'dropped',
      reason: 'deadline',
    });
  });

  it('interrupt() ends the running and the waiting invocations at once; the next one gets a fresh sandbox', async () => {
    const running = suite.service.invoke('Interrupted', { sleepMs: 60_000 });
    const waiting = suite.service.invoke('Interrupted', {});
    await nextTurn();
    suite.service.interrupt();
    assert.deepEqual(await running, { kind: 'dropped', reason: 'interrupted' });
    assert.deepEqual(await waiting, { kind: 'dropped', reason: 'interrupted' });
    assert.equal(
      invocationsOf(await suite.service.invoke('Interrupted', {})),
      1,
      'a fresh sandbox (module state starts over)',
    );
  });

  it('refuses a maxInFlight that is not a positive integer, naming it', () => {
    assert.throws(() => createLambdaService({ bundleDir: suite.bundleDir, functions: [], maxInFlight: 0 }), {
      message: 'createLambdaService: invalid options:\n  maxInFlight: 0 must be a positive integer',
    });
  });
});
