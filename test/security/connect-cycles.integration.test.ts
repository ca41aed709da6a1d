/**
 * Issue 13, "Nothing left behind": 1,000 connect/disconnect cycles per example stack (20 at a time, through the edge
 * when there is one, with the example's credentials) leave zero session records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample, type RunningExample } from './example-stacks.ts';

const CYCLES = 1000;
const CONCURRENCY = 20;
const WAIT_MS = 15_000;

for (const example of EXAMPLE_STACKS) {
  describe(`${example.name}: ${CYCLES} connect/disconnect cycles`, () => {
    let running: RunningExample;
    before(async () => {
      running = await startExample(example);
    });
    after(async () => {
      await running?.stop();
    });

    it('leave zero session records', async () => {
      let next = 0;
      let closes = 0;
      const worker = async (): Promise<void> => {
        while (next < CYCLES) {
          next++;
          const client = await connect(running.client.url, WAIT_MS, running.client.options);
          await client.close();
          closes++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      assert.equal(closes, CYCLES);
      // $disconnect runs after each close; wait (bounded) until the last ones are done.
      const deadline = Date.now() + WAIT_MS;
      let left = await running.sessionIds();
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = await running.sessionIds();
      }
      assert.deepEqual(left, []);
    });
  });
}
