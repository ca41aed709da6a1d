/**
 * `npm start --timings`: when each start-up phase ended, in milliseconds since the process started (so module
 * loading, and with the compiled CLI its freshness check, count too), and how long each phase took.
 */
import { performance } from 'node:perf_hooks';

export interface StartupTimings {
  /** The phase that just ended. */
  mark(phase: string): void;
  lines(): string[];
}

export function startupTimings(): StartupTimings {
  const marks: Array<{ phase: string; at: number }> = [];
  return {
    mark: (phase) => {
      marks.push({ phase, at: performance.now() });
    },
    lines() {
      const width = Math.max(...marks.map(({ phase }) => phase.length));
      return [
        "Start-up timings (ms since the process started; + the phase's own time):",
        ...marks.map(
          ({ phase, at }, index) =>
            `  ${phase.padEnd(width)} ${at.toFixed(0).padStart(6)}  +${(at - (marks[index - 1]?.at ?? 0)).toFixed(0)}`,
        ),
      ];
    },
  };
}
