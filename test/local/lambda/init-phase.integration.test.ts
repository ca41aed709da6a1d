import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureFunction, lambdaServiceForSuite } from './service-setup.ts';

/**
 * Lambda's Init phase (loading the handler's module) has a limit of its own, 10 s, and is not part of the
 * function's timeout: "Duration" and the timeout start when Init ends (docs/aws-behaviour.md#lambda-runtime).
 */
describe('local Lambda: the Init phase is not part of the timeout', () => {
  const suite = lambdaServiceForSuite({
    functions: [
      // Module code sleeps 1.5 s; the timeout is 1 s.
      fixtureFunction('SlowInit', 'slow-init.handler', {
        format: 'esm',
        timeoutSeconds: 1,
        environment: { SLOW_INIT_MS: '1500' },
      }),
      // Module code sleeps past the 10 s Init limit.
      fixtureFunction('StuckInit', 'slow-init.handler', {
        format: 'esm',
        timeoutSeconds: 1,
        environment: { SLOW_INIT_MS: '60000' },
      }),
    ],
  });

  it('a cold start whose module load outlasts the timeout still runs the handler, with its whole time left', async () => {
    const outcome = await suite.service.invoke('SlowInit', {});
    assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
    const { remainingMs } = (outcome as { result: { remainingMs: number } }).result;
    // The handler starts after Init: nearly all of its 1,000 ms are left (not 1,000 - 1,500).
    assert.ok(remainingMs > 0 && remainingMs <= 1000, String(remainingMs));
  });

  it('a module load past the 10 s Init limit ends the invocation as a timeout', async () => {
    const outcome = await suite.service.invoke('StuckInit', {});
    assert.equal(outcome.kind, 'timeout', JSON.stringify(outcome));
  });
});
