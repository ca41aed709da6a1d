/**
 * Local-stack speed and memory as ratios to a raw `ws` echo server measured in the same run,
 * on the same workloads. Each server runs in its own forked process; the clients run here.
 */
import type { BenchSection } from '../figures.ts';
import type { ServerKind } from './ipc-messages.ts';
import { type CpuBudget, createCpuBudget, describeCpuBudget } from './cpu-budget.ts';
import { openFileLimit } from './open-file-limit.ts';
import { formatTable, median, megabytes, perSecond, type ReportRow } from './report.ts';
import { type ForkOptions, type ServerProcess, startServerProcess } from './server-process.ts';
import { connectionRate, echoThroughput, type IdleMemory, idleConnectionMemory, type Refusals } from './workloads.ts';

/** Paired runs per workload: the echo runs last a fraction of a second each, so a few more make the medians steadier. */
const REPEATS = 9;
const ECHO = { clients: 20, messagesPerClient: 200, payload: 'bench-payload:'.padEnd(100, 'x') };
const CONNECTIONS = { count: 500, concurrency: 10 };
const IDLE = { count: 5_000, concurrency: 100, maxRssBytes: 400 * 1024 * 1024 };
/** Per process (limits are per process): the stack holds the viewer, edge→gateway and gateway-side sockets; this process 1. */
const FDS_PER_IDLE_CONNECTION = 3;

export interface LocalStackBenchOptions {
  /** Node flags for the stack's process (e.g. `--cpu-prof`); the raw server gets none. */
  stackExecArgv?: string[];
}

async function withServer<T>(
  kind: ServerKind,
  fork: ForkOptions,
  use: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(kind, fork);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/**
 * One full, untimed run of each workload, so both servers are measured with their code paths compiled by the JIT
 * rather than while still warming up (a fresh server here set up connections 2-3x slower in its first runs than later).
 */
async function warmUp(server: ServerProcess): Promise<void> {
  await echoThroughput(server, ECHO);
  await echoThroughput(server, ECHO, 'direct');
  await connectionRate(server, CONNECTIONS.count, CONNECTIONS.concurrency);
}

async function measureIdle(kind: ServerKind, fork: ForkOptions): Promise<IdleMemory> {
  return withServer(kind, fork, async (server) => {
    await connectionRate(server, 20, CONNECTIONS.concurrency); // the connect path is loaded before the idle figure
    return idleConnectionMemory(server, IDLE.count, IDLE.concurrency);
  });
}

export async function benchLocalStack(options: LocalStackBenchOptions = {}): Promise<BenchSection> {
  const stackFork: ForkOptions = options.stackExecArgv ? { execArgv: options.stackExecArgv } : {};
  const echo: Record<ServerKind, number[]> = { raw: [], stack: [] };
  const echoDirect: Record<ServerKind, number[]> = { raw: [], stack: [] };
  const connect: Record<ServerKind, number[]> = { raw: [], stack: [] };
  const refusals: Record<ServerKind, Refusals> = { raw: new Map(), stack: new Map() };
  const echoCpu: Record<ServerKind, CpuBudget> = { raw: createCpuBudget(), stack: createCpuBudget() };
  const connectCpu: Record<ServerKind, CpuBudget> = { raw: createCpuBudget(), stack: createCpuBudget() };
  const echoed = ECHO.clients * ECHO.messagesPerClient;
  await withServer('raw', {}, (raw) =>
    withServer('stack', stackFork, async (stack) => {
      await warmUp(raw);
      await warmUp(stack);
      // Alternating raw and stack spreads any drift of the machine over both.
      for (let run = 0; run < REPEATS; run += 1) {
        for (const server of [raw, stack])
          echo[server.kind].push(
            await echoCpu[server.kind].measure(server.pid, echoed, () => echoThroughput(server, ECHO)),
          );
        for (const server of [raw, stack]) echoDirect[server.kind].push(await echoThroughput(server, ECHO, 'direct'));
        for (const server of [raw, stack]) {
          const rate = await connectCpu[server.kind].measure(server.pid, CONNECTIONS.count, () =>
            connectionRate(server, CONNECTIONS.count, CONNECTIONS.concurrency),
          );
          connect[server.kind].push(rate.perSecond);
          mergeInto(refusals[server.kind], rate.refusals);
        }
      }
    }),
  );
  const rows: ReportRow[] = [
    throughputRow(
      `$default Lambda echo via edge (${ECHO.clients} clients x ${ECHO.messagesPerClient} msgs, 100 B)`,
      'msg',
      echo,
      0.5,
    ),
    throughputRow(`$default Lambda echo direct to APIEndpoint (same workload)`, 'msg', echoDirect, 0.5),
    throughputRow(
      `connection set-up via edge+$connect (${CONNECTIONS.count}, ${CONNECTIONS.concurrency} in flight)`,
      'conn',
      connect,
      0.5,
    ),
  ];
  const lines = [
    ...(['raw', 'stack'] as const).flatMap((kind) => describeRefusals(`connection set-up, ${kind}`, refusals[kind])),
    ...describeCpuBudget('echo via edge', 'msg', echoCpu.raw.spent(), echoCpu.stack.spent(), median(echo.raw), 0.5),
    ...describeCpuBudget(
      'connection set-up',
      'conn',
      connectCpu.raw.spent(),
      connectCpu.stack.spent(),
      median(connect.raw),
      0.5,
    ),
  ];
  const limit = openFileLimit();
  const needed = IDLE.count * FDS_PER_IDLE_CONNECTION + 1_000;
  if (limit !== undefined && limit < needed) {
    lines.push(
      `${IDLE.count} idle connections: skipped, ulimit -n is ${limit} and about ${needed} descriptors are needed`,
    );
  } else {
    const raw = await measureIdle('raw', {});
    const stack = await measureIdle('stack', stackFork);
    rows.push({
      workload: `${IDLE.count} idle connections via edge, server RSS`,
      raw: megabytes(raw.heldRssBytes),
      stack: megabytes(stack.heldRssBytes),
      ratio: stack.heldRssBytes / raw.heldRssBytes,
      target: `< ${megabytes(IDLE.maxRssBytes)}`,
      met: stack.heldRssBytes < IDLE.maxRssBytes,
    });
    lines.push(
      `idle server RSS before connections: raw ws ${megabytes(raw.idleRssBytes)}, local stack ${megabytes(stack.idleRssBytes)}` +
        ` (per held connection: raw ${perConnectionKb(raw)} KB, stack ${perConnectionKb(stack)} KB)`,
      ...[raw, stack].flatMap((memory, index) =>
        memory.held === IDLE.count
          ? []
          : [`idle connections, ${index === 0 ? 'raw' : 'stack'}: only ${memory.held} of ${IDLE.count} held`],
      ),
      ...describeRefusals('idle connections, raw', raw.refusals),
      ...describeRefusals('idle connections, stack', stack.refusals),
    );
  }
  return {
    lines: [
      `local stack vs raw ws echo server (medians of ${REPEATS} runs after warm-up, ratio = median of the runs' stack/raw pairs; each server in its own process):`,
      ...formatTable(rows),
      ...lines,
    ],
    figures: rows.map((row) => ({
      name: row.workload,
      measured: row.workload.includes('RSS') ? row.stack : `${row.ratio.toFixed(2)}x raw`,
      target: row.target,
      met: row.met,
    })),
  };
}

/**
 * The ratio is the median of each run's stack/raw pair: the two ran back to back, so a pair shares the machine's
 * state of the moment, which drifts a lot between runs here (the raw server alone varies by half).
 */
function throughputRow(
  workload: string,
  unit: string,
  figures: Record<ServerKind, number[]>,
  targetRatio: number,
): ReportRow {
  const ratio = median(figures.stack.map((stack, run) => stack / (figures.raw[run] ?? Number.NaN)));
  return {
    workload,
    raw: perSecond(median(figures.raw), unit),
    stack: perSecond(median(figures.stack), unit),
    ratio,
    target: `>= ${targetRatio}x raw`,
    met: ratio >= targetRatio,
  };
}

function perConnectionKb(memory: IdleMemory): string {
  return ((memory.heldRssBytes - memory.idleRssBytes) / Math.max(memory.held, 1) / 1024).toFixed(1);
}

function mergeInto(total: Refusals, more: Refusals): void {
  for (const [reason, count] of more) total.set(reason, (total.get(reason) ?? 0) + count);
}

function describeRefusals(what: string, refusals: Refusals): string[] {
  return [...refusals].map(([reason, count]) => `REFUSED ${what}: ${count} handshake(s) failed: ${reason}`);
}
