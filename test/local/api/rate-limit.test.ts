/** The token bucket behind the optional @connections throttling, on a clock the test moves. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRateLimiter } from '../../../local/api/rate-limit.ts';

describe('@connections rate limiter', () => {
  it('lets a burst of perSecond through, refuses the next, and refills at perSecond a second', () => {
    let now = 1_000;
    const limiter = createRateLimiter(3, () => now);
    assert.deepEqual([limiter.take(), limiter.take(), limiter.take(), limiter.take()], [true, true, true, false]);
    now += 333; // one token is 333.3 ms at 3 a second
    assert.equal(limiter.take(), false);
    now += 1;
    assert.equal(limiter.take(), true);
    now += 60_000; // a long pause refills to the burst, never beyond
    assert.deepEqual([limiter.take(), limiter.take(), limiter.take(), limiter.take()], [true, true, true, false]);
  });
});
