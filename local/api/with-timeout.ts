/**
 * Races a backend call against the integration timeout. A late rejection of the
 * abandoned call is swallowed on purpose: nobody awaits it any more, and an unhandled
 * rejection would take the process down. One promise and one timer per call (this runs
 * for every message), rather than Promise.race over three.
 */
export type TimedResult<T> = { timedOut: false; value: T } | { timedOut: true };

export function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<TimedResult<T>> {
  return new Promise<TimedResult<T>>((resolve, reject) => {
    const timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ timedOut: false, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error); // a no-op once timed out: the promise is already settled
      },
    );
  });
}
