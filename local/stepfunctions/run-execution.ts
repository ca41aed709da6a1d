import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import type { CompiledMachine } from './compile-machine.ts';
import type { ExecutionRecord } from './types.ts';

export interface RunningExecution {
  record: ExecutionRecord;
  abort: () => void;
  /** Resolves (never rejects) when the record holds the final status. */
  settled: Promise<ExecutionRecord>;
}

/** Error and cause as Step Functions reports them, from what the library's run rejected with. */
function failureOf(error: unknown): Pick<ExecutionRecord, 'status' | 'error' | 'cause'> {
  if (error instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds' };
  }
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  // ExecutionError wraps the state's error: its `name` is the ASL error name, its message the cause.
  const original = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (original instanceof Error) return { status: 'FAILED', error: original.name, cause: original.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: String(original) };
}

/** Starts one execution; the returned record is updated in place when it stops. */
export function runExecution(compiled: CompiledMachine, record: ExecutionRecord, input: unknown): RunningExecution {
  const { machine, runOptions, config } = compiled;
  const run = machine.run(input as Parameters<typeof machine.run>[0], {
    ...runOptions,
    context: {
      Execution: { Id: record.executionArn, Name: record.name },
      StateMachine: { Id: config.arn, Name: config.name },
    },
  });
  const settled = run.result.then(
    (output) => Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
    (error: unknown) => Object.assign(record, failureOf(error)),
  ).then((finished: ExecutionRecord) => Object.assign(finished, { stopDate: new Date() }));
  return { record, abort: run.abort, settled };
}
