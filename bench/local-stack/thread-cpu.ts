/**
 * CPU time a process spent so far, its main thread apart from the rest (worker threads: dynalite, Lambda runtimes; V8's
 * compiler and GC helpers; libuv's pool), read from Linux's /proc. On a shared machine wall-clock figures swing with
 * the load; CPU time moves far less, so the cold/warm bench prints it beside its ratio (docs/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  mainMs: number;
  otherMs: number;
}

/**
 * /proc reports utime and stime in USER_HZ ticks, which Linux fixes at 100 per second for user space on every
 * architecture (sysconf(_SC_CLK_TCK)); undefined where there is no /proc (macOS, Windows) or the process is gone.
 */
const MS_PER_TICK = 10;

function threadMs(pid: number, tid: string): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK; // utime, stime: fields 14 and 15 of stat(5)
}

export function threadCpu(pid: number): ThreadCpu | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let mainMs = 0;
  let otherMs = 0;
  for (const tid of tids) {
    try {
      if (tid === String(pid)) mainMs = threadMs(pid, tid);
      else otherMs += threadMs(pid, tid);
    } catch {
      // A thread that ended between the listing and the read: its time is no longer counted anywhere.
    }
  }
  return { mainMs, otherMs };
}

/** CPU spent between two readings; undefined when either is. */
export function cpuBetween(before: ThreadCpu | undefined, after: ThreadCpu | undefined): ThreadCpu | undefined {
  if (before === undefined || after === undefined) return undefined;
  return { mainMs: after.mainMs - before.mainMs, otherMs: after.otherMs - before.otherMs };
}
