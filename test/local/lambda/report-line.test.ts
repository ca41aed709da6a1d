/** The REPORT line's fields and arithmetic (Lambda Developer Guide; INIT billed since August 2025). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportLine } from '../../../local/lambda/invocation-log.ts';

describe('reportLine', () => {
  it('writes Lambda\'s REPORT fields, billing a cold start\'s init and rounding up to the millisecond', () => {
    assert.equal(reportLine('id-1', 128, { durationMs: 4.421, maxMemoryUsedMb: 8.2, initDurationMs: 333.046 }),
      'REPORT RequestId: id-1\tDuration: 4.42 ms\tBilled Duration: 338 ms\tMemory Size: 128 MB\tMax Memory Used: 9 MB\tInit Duration: 333.05 ms');
    assert.equal(reportLine('id-2', 256, { durationMs: 0.04, maxMemoryUsedMb: 0 }),
      'REPORT RequestId: id-2\tDuration: 0.04 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 1 MB');
  });
});
