import type { InvocationFigures, InvocationLog } from './invocation-log.ts';
import type { InvokeOutcome } from './types.ts';

/**
 * A sandbox's side of its function's invocation log (Node.js worker or Python process alike): the request a line of
 * output belongs to, and the REPORT figures of an invocation that sent none. Output with no running invocation
 * (a timer the handler left running; stdout is another pipe than the answers) belongs to the last one that ended.
 */
export function createSandboxLog(invocationLog: InvocationLog | undefined) {
  let lastRequestId = '';
  let lastMemoryUsedMb = 0;
  return {
    /** A line the handler wrote, during `requestId` (the running invocation) or after the last one ended. */
    output(requestId: string | undefined, text: string, level?: string, time?: number): void {
      invocationLog?.output(requestId ?? lastRequestId, text, level, time);
    },
    /** An invocation that started at `startedAt` (performance.now()) ended; a dropped one never ran and logs nothing. */
    finished(requestId: string, outcome: InvokeOutcome, startedAt: number, figures?: InvocationFigures): void {
      if (!invocationLog || outcome.kind === 'dropped') return;
      lastRequestId = requestId;
      // A timeout or a crash sends no figures: the time is this thread's, the memory the last known peak.
      invocationLog.finished(
        requestId,
        outcome,
        figures ?? { durationMs: performance.now() - startedAt, maxMemoryUsedMb: lastMemoryUsedMb },
      );
      if (figures) lastMemoryUsedMb = figures.maxMemoryUsedMb;
    },
  };
}
