import type { RunningExecution } from './run-execution.ts';
import type { ExecutionRecord } from './types.ts';

/** Finished executions kept for describeExecution; the oldest go first (Express keeps none in AWS). */
const MAX_FINISHED_RECORDS = 1000;

/** The executions of one service: records by ARN, and the running ones (for abort and waitForIdle). */
export function createExecutionRegistry() {
  const records = new Map<string, ExecutionRecord>();
  const running = new Map<string, RunningExecution>();

  function forgetOldFinished(): void {
    let excess = records.size - running.size - MAX_FINISHED_RECORDS;
    for (const arn of records.keys()) {
      if (excess <= 0) break;
      if (!running.has(arn)) { records.delete(arn); excess -= 1; }
    }
  }

  return {
    track(execution: RunningExecution): void {
      const arn = execution.record.executionArn;
      records.set(arn, execution.record);
      running.set(arn, execution);
      void execution.settled.then(() => { running.delete(arn); forgetOldFinished(); });
    },
    /** Resolves when that execution has stopped (at once when it is not running). */
    async waitFor(executionArn: string): Promise<void> {
      await running.get(executionArn)?.settled;
    },
    get: (executionArn: string): ExecutionRecord | undefined => records.get(executionArn),
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
