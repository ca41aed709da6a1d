import type { TimeoutQueue } from './timeout-queue.ts';

/**
 * Races a backend call against the integration timeout. A late rejection of the
 * abandoned call is swallowed on purpose: nobody awaits it any more, and an unhandled
 * rejection would take the process down. One promise and one queued timeout per call (this
 * runs for every message), rather than Promise.race over three and a Node timer.
 */
export type TimedResult<T> = { timedOut: false; value: T } | { timedOut: true };

export function withTimeout<T>(work: Promise<T>, timeouts: TimeoutQueue): Promise<TimedResult<T>> {
  return new Promise<TimedResult<T>>((resolve, reject) => {
    const cancel = timeouts.start(() => resolve({ timedOut: true }));
    work.then(
      (value) => {
        cancel();
        resolve({ timedOut: false, value });
      },
      (error: unknown) => {
        cancel();
        reject(error); // a no-op once timed out: the promise is already settled
      },
    );
  });
}
