/**
 * The local-stack bench's CPU budget: what measured runs spent per unit, and what a target ratio to the raw server
 * would allow on this machine's cores. Measured on this process's own spinning (real /proc readings), and the
 * arithmetic on figures given here.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { type CpuSpent, createCpuBudget, describeCpuBudget } from '../../bench/local-stack/cpu-budget.ts';
import { spinCpu } from '../support/spin-cpu.ts';

describe('createCpuBudget', () => {
  it('sums the runs it measured: units, the server thread groups and the clients (this process)', async () => {
    const budget = createCpuBudget();
    assert.equal(budget.spent(), undefined, 'nothing measured yet');
    // The "server" is this process too: its main thread spins while the run is measured.
    const answer = await budget.measure(process.pid, 100, async () => {
      spinCpu(120);
      return 'done';
    });
    assert.equal(answer, 'done', 'measure passes the run result through');
    await budget.measure(process.pid, 50, async () => spinCpu(120));
    const spent = budget.spent();
    if (process.platform !== 'linux') {
      assert.equal(spent, undefined, 'no /proc: nothing is made up');
      return;
    }
    assert.ok(spent);
    assert.equal(spent.units, 150);
    // /proc counts 10 ms ticks; the process's own figure (the "clients" here) bounds the main thread's from above.
    assert.ok(spent.clientMs >= 240, `clients: ${spent.clientMs} ms`);
    assert.ok(spent.serverMainMs >= 120, `server main thread: ${spent.serverMainMs} ms of about 240 spun`);
    assert.ok(
      spent.serverMainMs <= spent.clientMs + 40,
      `main ${spent.serverMainMs} ms > process ${spent.clientMs} ms`,
    );
  });

  it('reports nothing when the server cannot be read, rather than the clients alone', async () => {
    const budget = createCpuBudget();
    await budget.measure(2 ** 31 - 1, 10, async () => undefined); // no such process
    assert.equal(budget.spent(), undefined);
  });
});

describe('describeCpuBudget', () => {
  const spent = (mainMs: number, otherMs: number, clientMs: number, units: number): CpuSpent => ({
    serverMainMs: mainMs,
    serverOtherMs: otherMs,
    clientMs,
    units,
  });

  it('gives CPU per unit by thread group, and the budget a target ratio allows on these cores', () => {
    // 1,000 messages: raw server 10 + 2 ms, clients 15 ms; stack 40 + 20 ms, clients 25 ms.
    const lines = describeCpuBudget('echo', 'msg', spent(10, 2, 15, 1000), spent(40, 20, 25, 1000), 50_000, 0.5);
    assert.equal(lines.length, 2);
    assert.equal(
      lines[0],
      'CPU per msg, echo: raw server 12 µs (main thread 10, other threads 2), clients 15 µs; ' +
        'local stack 60 µs (main thread 40, other threads 20), clients 25 µs',
    );
    // 0.5 x 50,000 msg/s = 25,000 msg/s: 40 µs of one thread per message, that times the cores in all.
    const cores = availableParallelism();
    assert.equal(
      lines[1],
      `  for 0.5x raw (25000 msg/s) on ${cores} cores: stack + its clients within about ${40 * cores} µs per msg ` +
        '(now 85), its main thread within 40 µs (now 40)',
    );
  });

  it('says when a side was not measured instead of printing a figure', () => {
    assert.deepEqual(describeCpuBudget('set-up', 'conn', undefined, spent(1, 1, 1, 1), 100, 0.5), [
      'CPU per conn, set-up: not measured (no /proc here)',
    ]);
  });
});
