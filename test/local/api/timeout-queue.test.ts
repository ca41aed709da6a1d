import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createTimeoutQueue, createTimeoutQueues } from '../../../local/api/timeout-queue.ts';
import { withTimeout } from '../../../local/api/with-timeout.ts';

describe('integration timeout queue', () => {
  it('fires timeouts in start order, never before their duration, and skips cancelled ones', async () => {
    const queue = createTimeoutQueue(40);
    const fired: Array<{ name: string; after: number }> = [];
    const started = new Map<string, number>();
    const start = (name: string) => {
      started.set(name, performance.now());
      return queue.start(() => fired.push({ name, after: performance.now() - started.get(name)! }));
    };
    start('a');
    const cancelB = start('b');
    await sleep(15);
    start('c');
    cancelB();
    // c is due 55 ms after a started; the margin is for a loaded machine (the test asserts order, not speed).
    await sleep(250);
    assert.deepEqual(
      fired.map((entry) => entry.name),
      ['a', 'c'],
    );
    for (const entry of fired)
      assert.ok(entry.after >= 40, `${entry.name} fired after ${entry.after} ms, before its 40 ms`);
  });

  it('re-arms for the next pending timeout when the earlier ones were cancelled', async () => {
    // An injected clock decides what is due; real sleeps only let the queue's timer run.
    let clock = 0;
    const queue = createTimeoutQueue(30, () => clock);
    const fired: string[] = [];
    const cancelFirst = queue.start(() => fired.push('first'));
    clock = 20;
    queue.start(() => fired.push('second'));
    cancelFirst();
    await sleep(60); // the timer armed for the first one has gone off: the second is not due yet
    assert.deepEqual(fired, []);
    clock = 50;
    await sleep(60);
    assert.deepEqual(fired, ['second']);
  });

  it('a cancel after expiry, or twice, changes nothing', async () => {
    const queue = createTimeoutQueue(5);
    let count = 0;
    const cancel = queue.start(() => count++);
    await sleep(30);
    cancel();
    cancel();
    assert.equal(count, 1);
    queue.start(() => count++);
    await sleep(30);
    assert.equal(count, 2);
  });

  it('keeps working after many finished entries (the FIFO is compacted)', async () => {
    let clock = 0;
    const queue = createTimeoutQueue(100, () => clock);
    const keep = queue.start(() => assert.fail('cancelled below'));
    const cancels = Array.from({ length: 5_000 }, () => queue.start(() => assert.fail('cancelled below')));
    for (const cancel of cancels.slice(0, 4_000)) cancel();
    keep();
    const fired: number[] = [];
    queue.start(() => fired.push(clock));
    for (const cancel of cancels.slice(4_000)) cancel();
    clock = 100;
    await sleep(150); // the real timer is armed for the injected clock's remaining 100 ms
    assert.deepEqual(fired, [100]);
  });

  it('withTimeout: a call that settles first wins; a late rejection is swallowed', async () => {
    const queue = createTimeoutQueue(20);
    assert.deepEqual(await withTimeout(Promise.resolve('value'), queue), { timedOut: false, value: 'value' });
    await assert.rejects(withTimeout(Promise.reject(new Error('backend down')), queue), /backend down/);
    const late = sleep(60).then(() => Promise.reject(new Error('too late')));
    assert.deepEqual(await withTimeout(late, queue), { timedOut: true });
    await sleep(80); // the late rejection settles here without an unhandled rejection
  });

  it('keeps one queue per duration, so a short timeout started after a long one fires first', async () => {
    let clock = 0;
    const queues = createTimeoutQueues(() => clock);
    assert.equal(queues.forDuration(500), queues.forDuration(500), 'one queue per duration');
    const fired: string[] = [];
    queues.forDuration(500).start(() => fired.push('long'));
    clock = 10;
    queues.forDuration(50).start(() => fired.push('short'));
    clock = 70;
    await sleep(80);
    assert.deepEqual(fired, ['short']);
    clock = 510;
    await sleep(520);
    assert.deepEqual(fired, ['short', 'long']);
  });
});
