/**
 * Timeouts that all have one duration, kept on one Node timer. With one duration they expire in the order
 * they were started, so a FIFO holds them; a cancelled one is only marked, and dropped when it reaches the
 * head. Every message runs an integration timeout, and a Node Timeout per message costs a timer-list insert,
 * libuv clock reads and a priority-queue update on start and on cancel; here it costs one small object.
 *
 * A timeout never fires early: the timer may (Node measures from the loop's cached clock), so expiry is
 * checked against `now()` and the timer re-armed for what is left. It may fire up to about a millisecond late.
 * The timer is unref'd: a pending timeout alone does not keep the process alive (the work it guards does).
 */
export interface TimeoutQueue {
  /** Calls `onExpire` once `durationMs` have passed, unless the returned cancel function ran first. */
  start(onExpire: () => void): () => void;
}

interface PendingTimeout {
  deadline: number;
  /** undefined once it fired or was cancelled */
  onExpire: (() => void) | undefined;
}

/** Compact the FIFO once this many finished entries sit before its head and they are more than half of it. */
const COMPACT_AFTER = 1024;

export function createTimeoutQueue(durationMs: number, now: () => number = () => performance.now()): TimeoutQueue {
  let pending: PendingTimeout[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;

  const dropFinishedHead = (): void => {
    while (head < pending.length && pending[head]!.onExpire === undefined) head++;
    if (head === pending.length) {
      pending = [];
      head = 0;
    } else if (head > COMPACT_AFTER && head * 2 > pending.length) {
      pending = pending.slice(head);
      head = 0;
    }
  };

  const arm = (time: number): void => {
    if (timer !== undefined || head === pending.length) return;
    timer = setTimeout(expireDue, Math.max(1, Math.ceil(pending[head]!.deadline - time)));
    timer.unref();
  };

  function expireDue(): void {
    timer = undefined;
    const time = now();
    while (head < pending.length) {
      const first = pending[head]!;
      const onExpire = first.onExpire;
      if (onExpire !== undefined && first.deadline > time) break;
      head++;
      first.onExpire = undefined;
      onExpire?.();
    }
    dropFinishedHead();
    arm(time);
  }

  return {
    start(onExpire) {
      const time = now();
      const entry: PendingTimeout = { deadline: time + durationMs, onExpire };
      pending.push(entry);
      arm(time);
      return () => {
        if (entry.onExpire === undefined) return;
        entry.onExpire = undefined;
        if (entry === pending[head]) dropFinishedHead();
      };
    },
  };
}

/** One queue per duration (integrations' `TimeoutInMillis` differ), each still a FIFO on one timer. */
export interface TimeoutQueues {
  forDuration(durationMs: number): TimeoutQueue;
}

export function createTimeoutQueues(now?: () => number): TimeoutQueues {
  // A template has at most a few hundred integrations (AWS: 300 per API), so this map stays small.
  const queues = new Map<number, TimeoutQueue>();
  return {
    forDuration(durationMs) {
      let queue = queues.get(durationMs);
      if (queue === undefined) {
        queue = createTimeoutQueue(durationMs, now);
        queues.set(durationMs, queue);
      }
      return queue;
    },
  };
}
