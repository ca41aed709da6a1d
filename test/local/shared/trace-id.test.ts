import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTraceRootSource } from '../../../local/shared/trace-id.ts';

describe('X-Amzn-Trace-Id roots', () => {
  it('are Root=1-{epoch seconds, 8 hex}-{24 hex}, all different across refills of the random pool', () => {
    const traceRoot = createTraceRootSource();
    const at = Date.UTC(2023, 6, 19, 19, 28, 16, 999); // 0x64b83950 s, the captured event's time
    const roots = Array.from({ length: 600 }, () => traceRoot(at)); // more than two pools' worth
    for (const root of roots) assert.match(root, /^Root=1-64b83950-[0-9a-f]{24}$/);
    assert.equal(new Set(roots).size, roots.length);
    assert.match(traceRoot(0), /^Root=1-00000000-[0-9a-f]{24}$/, 'the seconds are padded to 8 digits');
  });
});
