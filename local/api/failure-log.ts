/**
 * Log lines for failed messages, summarised: the first failure of a kind is logged at once, the same failure again
 * within `windowMs` is only counted, and the count is logged when the window ends. A flood of failing messages (a
 * throttled function, 100,000 messages in a burst) then costs a few lines instead of one per message: before, the
 * lines alone were hundreds of thousands and held memory while stderr drained (issue 13, finding 6).
 */
export type FailureLog = (kind: string, line: string) => void;

export function createFailureLog(log: (line: string) => void, windowMs = 1000): FailureLog {
  const repeats = new Map<string, number>();
  return (kind, line) => {
    const seen = repeats.get(kind);
    if (seen !== undefined) {
      repeats.set(kind, seen + 1);
      return;
    }
    log(line);
    repeats.set(kind, 0);
    const timer = setTimeout(() => {
      const count = repeats.get(kind) ?? 0;
      repeats.delete(kind);
      if (count > 0) log(`${kind}: ${count} more time(s) in the last ${windowMs} ms`);
    }, windowMs);
    timer.unref(); // a pending summary alone must not keep the process alive
  };
}
