/**
 * A fresh stack against itself later: the first 500 connections and the first 4,000 echo messages after `npm start`
 * (the compiled CLI, as users run it) wrote its outputs, against the same workload on the same stack once warm. A
 * developer's test run is usually that first minute. Each workload gets fresh stacks of its own, so "first" means
 * first for that path; the figure is the median over the stacks of cold time / warm time.
 */
import type { BenchSection } from '../figures.ts';
import { launchCompiledStart } from '../startup/compiled-start.ts';
import { median } from './report.ts';
import type { ServerProcess } from './server-process.ts';
import { cpuBetween, type ThreadCpu, threadCpu } from './thread-cpu.ts';
import { connectionRate, echoThroughput } from './workloads.ts';

const FRESH_STACKS = 3;
/** Untimed runs between the cold one and the warm ones, then timed warm runs (median). */
const WARM_UP_RUNS = 2;
const WARM_RUNS = 3;
const TARGET_RATIO = 1.5;
const ECHO = { clients: 20, messagesPerClient: 200, payload: 'bench-payload:'.padEnd(100, 'x') };
const CONNECTIONS = { count: 500, concurrency: 10 };

interface Workload {
  name: string;
  /** Seconds the workload took. */
  run(stack: ServerProcess): Promise<number>;
}

const WORKLOADS: Workload[] = [
  {
    name: `first ${CONNECTIONS.count} connections (edge + $connect, ${CONNECTIONS.concurrency} in flight)`,
    run: async (stack) => {
      const rate = await connectionRate(stack, CONNECTIONS.count, CONNECTIONS.concurrency);
      if (rate.refusals.size > 0) throw new Error(`cold/warm bench: handshakes refused: ${[...rate.refusals.keys()]}`);
      return CONNECTIONS.count / rate.perSecond;
    },
  },
  {
    name: `first ${ECHO.clients * ECHO.messagesPerClient} $default echo messages (${ECHO.clients} clients, via edge)`,
    run: async (stack) => (ECHO.clients * ECHO.messagesPerClient) / (await echoThroughput(stack, ECHO)),
  },
];

/** The started stack as the workloads address it: clients through its Distribution (the edge). */
function asServer(outputs: Record<string, string>, pid: number, stop: () => Promise<void>): ServerProcess {
  const url = outputs.Distribution;
  if (url === undefined) throw new Error('cold/warm bench: npm start printed no Distribution output (edge disabled?)');
  return {
    kind: 'stack',
    pid,
    url,
    directUrl: url,
    directHeaders: {},
    rssBytes: () => Promise.reject(new Error('cold/warm bench: no RSS figure for a stack started by npm start')),
    stop,
  };
}

interface ColdAndWarm {
  cold: number;
  warm: number;
  /** The stack's CPU time in the cold run, and per warm run (their mean); undefined without /proc. */
  coldCpu: ThreadCpu | undefined;
  warmCpu: ThreadCpu | undefined;
}

async function coldAndWarm(workload: Workload): Promise<ColdAndWarm> {
  const start = await launchCompiledStart();
  const stack = asServer(start.outputs, start.pid, start.stop);
  try {
    const beforeCold = threadCpu(start.pid);
    const cold = await workload.run(stack);
    const coldCpu = cpuBetween(beforeCold, threadCpu(start.pid));
    for (let run = 0; run < WARM_UP_RUNS; run += 1) await workload.run(stack);
    const warm: number[] = [];
    const beforeWarm = threadCpu(start.pid);
    for (let run = 0; run < WARM_RUNS; run += 1) warm.push(await workload.run(stack));
    const warmCpu = cpuBetween(beforeWarm, threadCpu(start.pid));
    return {
      cold,
      warm: median(warm),
      coldCpu,
      warmCpu: warmCpu && { mainMs: warmCpu.mainMs / WARM_RUNS, otherMs: warmCpu.otherMs / WARM_RUNS },
    };
  } finally {
    await start.stop();
  }
}

/** `1,370 + 950 ms`: what the load average moves far less than wall-clock time. */
function cpuText(cpu: ThreadCpu | undefined): string {
  if (cpu === undefined) return 'n/a (no /proc)';
  const ms = (value: number) => Math.round(value).toLocaleString('en-US');
  return `${ms(cpu.mainMs)} + ${ms(cpu.otherMs)} ms`;
}

export async function benchColdWarm(): Promise<BenchSection> {
  await launchCompiledStart().then((start) => start.stop()); // untimed: rebuilds dist/ if stale, fills the caches
  const lines = [
    `cold vs warm stack (npm start, compiled; ${FRESH_STACKS} fresh stacks per workload; warm = median of ${WARM_RUNS} runs after ${WARM_UP_RUNS} more):`,
  ];
  const figures = [];
  for (const workload of WORKLOADS) {
    const pairs: ColdAndWarm[] = [];
    for (let stack = 0; stack < FRESH_STACKS; stack += 1) pairs.push(await coldAndWarm(workload));
    const ratio = median(pairs.map(({ cold, warm }) => cold / warm));
    lines.push(
      `  ${workload.name}: cold ${pairs.map(({ cold }) => `${(cold * 1000).toFixed(0)} ms`).join(', ')};` +
        ` warm ${pairs.map(({ warm }) => `${(warm * 1000).toFixed(0)} ms`).join(', ')}; cold/warm ${ratio.toFixed(2)}x`,
      `    the stack's CPU (main thread + other threads), cold: ${pairs.map(({ coldCpu }) => cpuText(coldCpu)).join(', ')};` +
        ` warm, per run: ${pairs.map(({ warmCpu }) => cpuText(warmCpu)).join(', ')}`,
    );
    figures.push({
      name: `cold/warm, ${workload.name}`,
      measured: `${ratio.toFixed(2)}x`,
      target: `<= ${TARGET_RATIO}x`,
      met: ratio <= TARGET_RATIO,
    });
  }
  return { lines, figures };
}
