import type { ExecutionHistory } from './history.ts';
import type { RunningExecution } from './run-execution.ts';
import type { ExecutionRecord } from './types.ts';

/** Finished executions kept for DescribeExecution, GetExecutionHistory and ListExecutions; the oldest go first. */
const MAX_FINISHED_RECORDS = 1000;

export interface TrackedExecution {
  record: ExecutionRecord;
  history: ExecutionHistory;
}

/** The executions of one service: records and histories by ARN in start order, and the running ones. */
export function createExecutionRegistry() {
  const tracked = new Map<string, TrackedExecution>();
  const running = new Map<string, RunningExecution>();

  function forgetOldFinished(): void {
    let excess = tracked.size - running.size - MAX_FINISHED_RECORDS;
    for (const arn of tracked.keys()) {
      if (excess <= 0) break;
      if (!running.has(arn)) {
        tracked.delete(arn);
        excess -= 1;
      }
    }
  }

  return {
    track(execution: RunningExecution): void {
      const arn = execution.record.executionArn;
      tracked.set(arn, { record: execution.record, history: execution.history });
      running.set(arn, execution);
      void execution.settled.then(() => {
        running.delete(arn);
        forgetOldFinished();
      });
    },
    /** Resolves when that execution has stopped (at once when it is not running). */
    async waitFor(executionArn: string): Promise<void> {
      await running.get(executionArn)?.settled;
    },
    get: (executionArn: string): TrackedExecution | undefined => tracked.get(executionArn),
    running: (executionArn: string): RunningExecution | undefined => running.get(executionArn),
    /** Newest first, as ListExecutions sorts them. */
    newestFirst: (): TrackedExecution[] => [...tracked.values()].reverse(),
    abortAll(): void {
      for (const execution of running.values()) execution.abort();
    },
    async waitForIdle(): Promise<void> {
      // Loop: an execution may start while we wait for the current ones.
      while (running.size > 0) await Promise.all([...running.values()].map((execution) => execution.settled));
    },
  };
}

export type ExecutionRegistry = ReturnType<typeof createExecutionRegistry>;
