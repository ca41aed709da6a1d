/**
 * Where a workload's CPU goes, per message or connection: the server's main thread, its other threads (the stack's
 * dynalite and Lambda worker threads, V8's compiler and GC helpers) and the clients (this process). On this 2-core
 * machine the clients and the server share the cores, so a rate is bounded by these sums: `ratio` of the raw rate
 * needs stack + clients within cores / (ratio x raw rate) of CPU per unit, and the stack's main thread (one core at
 * most) within 1 / (ratio x raw rate). The bench prints both, so a NOT MET reads as the CPU it would take
 * (docs/performance.md, "The CPU budget").
 */
import { availableParallelism } from 'node:os';
import { cpuBetween, threadCpu, type ThreadCpu } from './thread-cpu.ts';

export interface CpuSpent {
  serverMainMs: number;
  serverOtherMs: number;
  clientMs: number;
  units: number;
}

/** Sums what measured runs spent; `measure` wraps one run of `units` messages or connections. */
export interface CpuBudget {
  measure<T>(serverPid: number, units: number, run: () => Promise<T>): Promise<T>;
  /** undefined where the server's CPU cannot be read (no /proc) or nothing was measured. */
  spent(): CpuSpent | undefined;
}

export function createCpuBudget(): CpuBudget {
  const total: CpuSpent = { serverMainMs: 0, serverOtherMs: 0, clientMs: 0, units: 0 };
  let readable = true;
  return {
    async measure(serverPid, units, run) {
      const server = threadCpu(serverPid);
      const client = process.cpuUsage();
      const result = await run();
      const clientUsage = process.cpuUsage(client);
      const serverSpent: ThreadCpu | undefined = cpuBetween(server, threadCpu(serverPid));
      if (serverSpent === undefined) readable = false;
      else {
        total.serverMainMs += serverSpent.mainMs;
        total.serverOtherMs += serverSpent.otherMs;
        total.clientMs += (clientUsage.user + clientUsage.system) / 1000;
        total.units += units;
      }
      return result;
    },
    spent: () => (readable && total.units > 0 ? { ...total } : undefined),
  };
}

const microseconds = (ms: number, units: number): number => (ms * 1000) / units;

/**
 * One line per server: CPU per unit by thread, and for the stack what a `targetRatio` of the raw rate would allow
 * (`rawRate`: the raw server's median rate in the same runs).
 */
export function describeCpuBudget(
  what: string,
  unit: string,
  raw: CpuSpent | undefined,
  stack: CpuSpent | undefined,
  rawRate: number,
  targetRatio: number,
): string[] {
  if (raw === undefined || stack === undefined) return [`CPU per ${unit}, ${what}: not measured (no /proc here)`];
  const per = (spent: CpuSpent) => ({
    main: microseconds(spent.serverMainMs, spent.units),
    other: microseconds(spent.serverOtherMs, spent.units),
    client: microseconds(spent.clientMs, spent.units),
  });
  const r = per(raw);
  const s = per(stack);
  const line = (name: string, p: typeof r) =>
    `${name} ${(p.main + p.other).toFixed(0)} µs (main thread ${p.main.toFixed(0)}, other threads ${p.other.toFixed(0)}), clients ${p.client.toFixed(0)} µs`;
  const allowedMain = 1e6 / (targetRatio * rawRate);
  const allowedTotal = availableParallelism() * allowedMain;
  return [
    `CPU per ${unit}, ${what}: ${line('raw server', r)}; ${line('local stack', s)}`,
    `  for ${targetRatio}x raw (${(targetRatio * rawRate).toFixed(0)} ${unit}/s) on ${availableParallelism()} cores: stack + its clients within about ${allowedTotal.toFixed(0)} µs per ${unit} ` +
      `(now ${(s.main + s.other + s.client).toFixed(0)}), its main thread within ${allowedMain.toFixed(0)} µs (now ${s.main.toFixed(0)})`,
  ];
}
