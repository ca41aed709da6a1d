import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, type RunOptions } from 'aws-local-stepfunctions';
import type { CompiledMachine } from './compile-machine.ts';
import { createHistory, type ExecutionHistory, type HistoryHooks } from './history.ts';
import { resolveDeferredIntrinsics } from './intrinsic-workaround.ts';
import type { LocalTaskHandlers } from './task-handlers.ts';
import type { ExecutionRecord } from './types.ts';

export interface RunningExecution {
  record: ExecutionRecord;
  history: ExecutionHistory;
  /** Stops it as StopExecution does: ABORTED, with the request's error and cause. */
  abort: (error?: string, cause?: string) => void;
  /** Resolves (never rejects) when the record holds the final status and the history its last event. */
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

/** The machine's Task handlers, each reporting its call and outcome to this execution's history. */
function recordingHandlers(compiled: CompiledMachine, history: ExecutionHistory, region: string): LocalTaskHandlers {
  const recording: LocalTaskHandlers = {};
  for (const [state, handler] of Object.entries(compiled.taskHandlers)) {
    const resource = compiled.taskResources.get(state) ?? '';
    recording[state] = async (input) => {
      let shown: unknown = input;
      try {
        shown = resolveDeferredIntrinsics(input);
      } catch {
        /* the handler fails the same way, and TaskFailed says why */
      }
      history.taskScheduled(state, resource, region, shown);
      try {
        const output = await handler(input);
        history.taskEnded(state, resource, { output });
        return output;
      } catch (error) {
        history.taskEnded(
          state,
          resource,
          error instanceof Error
            ? { error: error.name, cause: error.message }
            : { error: 'States.Runtime', cause: String(error) },
        );
        throw error;
      }
    };
  }
  return recording;
}

/** Starts one execution; the returned record is updated in place when it stops. */
export function runExecution(
  compiled: CompiledMachine,
  record: ExecutionRecord,
  input: unknown,
  hooks: HistoryHooks & { region: string },
): RunningExecution {
  const { machine, runOptions, config } = compiled;
  const history = createHistory(config.roleArn, hooks);
  const options: RunOptions = {
    ...runOptions,
    overrides: {
      ...runOptions.overrides,
      taskResourceLocalHandlers: recordingHandlers(compiled, history, hooks.region),
    },
    context: {
      Execution: { Id: record.executionArn, Name: record.name },
      StateMachine: { Id: config.arn, Name: config.name },
    },
  };
  const run = machine.run(input as Parameters<typeof machine.run>[0], options);
  let stopRequest: { error?: string; cause?: string } | undefined;
  const drained = (async () => {
    for await (const event of run.eventLogs) history.fromLibrary(event);
  })();
  const outcome = run.result.then(
    (output): Partial<ExecutionRecord> => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
    (error: unknown): Partial<ExecutionRecord> => failureOf(error),
  );
  const settled = outcome.then(async (result) => {
    await drained; // the library closes its event log with the execution's last event, before the result settles
    if (result.status === 'ABORTED') {
      Object.assign(result, stopRequest);
      history.ended('ExecutionAborted', stopRequest?.error, stopRequest?.cause);
    } else if (result.status === 'TIMED_OUT') {
      history.ended('ExecutionTimedOut', result.error, result.cause);
    }
    return Object.assign(record, result, { stopDate: new Date() });
  });
  return {
    record,
    history,
    abort: (error, cause) => {
      stopRequest = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
      run.abort();
    },
    settled,
  };
}
