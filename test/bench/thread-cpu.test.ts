/**
 * The cold/warm bench's CPU readout: the main thread's time apart from the other threads', from /proc, and nothing
 * made up where /proc cannot tell (another platform, a process that is gone).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spinCpu } from '../support/spin-cpu.ts';
import { cpuBetween, threadCpu } from '../../bench/local-stack/thread-cpu.ts';

describe('threadCpu', () => {
  it('counts work on the main thread as main-thread time (Linux; undefined elsewhere: no /proc)', () => {
    const before = threadCpu(process.pid);
    if (process.platform !== 'linux') {
      assert.equal(before, undefined);
      return;
    }
    const processBefore = process.cpuUsage();
    spinCpu(300);
    const processUsed = process.cpuUsage(processBefore);
    const used = cpuBetween(before, threadCpu(process.pid));
    assert.ok(used, 'a running process has a /proc entry');
    const processMs = (processUsed.user + processUsed.system) / 1000;
    // /proc counts in 10 ms ticks; the whole process's figure bounds the main thread's from above. While this thread
    // spins, the process's other threads (tsx's loader, V8's compilers and GC helpers) may use up to one other core
    // (seen in CI: 180 ms of 300 on the main thread), so the main thread had at least about half of it.
    assert.ok(used.mainMs >= 100, `main thread: ${used.mainMs} ms of ${processMs} ms spun`);
    assert.ok(used.mainMs <= processMs + 20, `main thread: ${used.mainMs} ms, more than the process's ${processMs} ms`);
    assert.ok(used.otherMs >= 0, `other threads: ${used.otherMs} ms`);
  });

  it('is undefined for a process that does not exist, and so is any difference with it', () => {
    const gone = threadCpu(2 ** 31 - 1); // above any pid_max Linux allows (2^22)
    assert.equal(gone, undefined);
    assert.equal(cpuBetween(gone, { mainMs: 1, otherMs: 2 }), undefined);
    assert.equal(cpuBetween({ mainMs: 1, otherMs: 2 }, gone), undefined);
  });

  it('subtracts readings thread group by thread group', () => {
    assert.deepEqual(cpuBetween({ mainMs: 100, otherMs: 40 }, { mainMs: 350, otherMs: 90 }), {
      mainMs: 250,
      otherMs: 50,
    });
  });
});
