/**
 * Races a backend call against the integration timeout. A late rejection of the
 * abandoned call is swallowed on purpose: nobody awaits it any more, and an unhandled
 * rejection would take the process down.
 */
export type TimedResult<T> = { timedOut: false; value: T } | { timedOut: true };

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<TimedResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedResult<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then((value): TimedResult<T> => ({ timedOut: false, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
