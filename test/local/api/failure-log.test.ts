/** Failed-message log lines (failure-log.ts): the first of a kind at once, repeats counted into one summary line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFailureLog } from '../../../local/api/failure-log.ts';

describe('api gateway: failure log', () => {
  it('logs the first failure of a kind, then one line with the count of its repeats', async () => {
    const lines: string[] = [];
    const logFailure = createFailureLog((line) => lines.push(line), 50);
    for (let i = 0; i < 1000; i++)
      logFailure('route $default: throttled', `connection c${i} route $default: throttled`);
    logFailure('route chat: timed out', 'connection c0 route chat: timed out');
    assert.deepEqual(lines, ['connection c0 route $default: throttled', 'connection c0 route chat: timed out']);
    const deadline = Date.now() + 5000;
    while (lines.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(lines.slice(2), ['route $default: throttled: 999 more time(s) in the last 50 ms']);
    logFailure('route $default: throttled', 'connection c1 route $default: throttled');
    assert.equal(lines.at(-1), 'connection c1 route $default: throttled', 'a new window starts with a line of its own');
  });
});
