import type { EventLog } from './library-events.ts';

/** One event of `GetExecutionHistory`, before rendering (timestamps in epoch ms). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  /** Step Functions' HistoryEventType, e.g. `TaskStateEntered`. */
  type: string;
  /** The member holding the details, e.g. `stateEnteredEventDetails`, and its value. */
  details?: [key: string, value: Record<string, unknown>];
}

/** What each state type writes when entered and left; a Fail state is only entered (ExecutionFailed follows). */
const STATE_EVENT_PREFIX: Record<string, string> = {
  Task: 'Task',
  Wait: 'Wait',
  Pass: 'Pass',
  Choice: 'Choice',
  Succeed: 'Succeed',
  Fail: 'Fail',
  Parallel: 'Parallel',
  Map: 'Map',
};
const NOT_TRUNCATED = { truncated: false };
const json = (value: unknown) => JSON.stringify(value ?? null);

export interface HistoryHooks {
  /** A state was entered (one line per transition in the stack log). */
  onStateEntered(name: string, type: string): void;
}

/**
 * The history of one execution, as Step Functions records it: aws-local-stepfunctions' event log (which it hands
 * out asynchronously) mapped to Step Functions' event types, with the Task events (TaskScheduled, TaskStarted,
 * TaskSucceeded/TaskFailed) that the local Task handlers report. A Task event that arrives before the library's
 * StateEntered of its state has been read waits for it, so the order is always the one Step Functions writes.
 * Ids count from 1; each event's previousEventId is the one before it, except ExecutionStarted's and the first
 * state's (0), as in the Step Functions Developer Guide's history examples.
 */
export function createHistory(roleArn: string | undefined, hooks: HistoryHooks) {
  const events: HistoryEvent[] = [];
  const entered = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  let firstStateSeen = false;

  const add = (type: string, timestamp: number, details?: HistoryEvent['details'], previous?: number): void => {
    const id = events.length + 1;
    events.push({
      id,
      previousEventId: previous ?? events.at(-1)?.id ?? 0,
      timestamp,
      type,
      ...(details ? { details } : {}),
    });
  };
  /** Runs `write` now if `state` was entered, else once it is. */
  const afterEntered = (state: string, write: () => void) => {
    if (entered.has(state)) return write();
    waiting.set(state, [...(waiting.get(state) ?? []), write]);
  };

  function fromLibrary(event: EventLog) {
    switch (event.type) {
      case 'ExecutionStarted':
        return add(
          'ExecutionStarted',
          event.timestamp,
          [
            'executionStartedEventDetails',
            {
              input: json(event.input),
              inputDetails: NOT_TRUNCATED,
              ...(roleArn ? { roleArn } : {}),
            },
          ],
          0,
        );
      case 'StateEntered': {
        const prefix = STATE_EVENT_PREFIX[event.state.type] ?? event.state.type;
        add(
          `${prefix}StateEntered`,
          event.timestamp,
          [
            'stateEnteredEventDetails',
            { name: event.state.name, input: json(event.state.input), inputDetails: NOT_TRUNCATED },
          ],
          firstStateSeen ? undefined : 0,
        );
        firstStateSeen = true;
        entered.add(event.state.name);
        hooks.onStateEntered(event.state.name, event.state.type);
        for (const write of waiting.get(event.state.name) ?? []) write();
        waiting.delete(event.state.name);
        return;
      }
      case 'StateExited':
        entered.delete(event.state.name);
        if (event.state.type === 'Fail') return;
        return add(`${STATE_EVENT_PREFIX[event.state.type] ?? event.state.type}StateExited`, event.timestamp, [
          'stateExitedEventDetails',
          { name: event.state.name, output: json(event.state.output), outputDetails: NOT_TRUNCATED },
        ]);
      case 'ExecutionSucceeded':
        return add('ExecutionSucceeded', event.timestamp, [
          'executionSucceededEventDetails',
          { output: json(event.output), outputDetails: NOT_TRUNCATED },
        ]);
      case 'ExecutionFailed':
        return add('ExecutionFailed', event.timestamp, [
          'executionFailedEventDetails',
          { error: event.Error, cause: causeText(event.Cause) },
        ]);
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        return add(event.type, event.timestamp, [
          `${lowerFirst(event.type)}EventDetails`,
          { name: event.parentState.name, index: event.index },
        ]);
      default:
        // StateFailed/Retried/Caught: Step Functions writes TaskFailed (from the handler) and the next TaskScheduled
        // instead; ParallelBranch*: no event of their own. Aborted/TimedOut are written by `ended`.
        return;
    }
  }

  return {
    events,
    fromLibrary,
    taskScheduled(state: string, resource: string, region: string, parameters: unknown): void {
      const [resourceType = '', name = ''] = resource.split(':');
      afterEntered(state, () => {
        const now = Date.now();
        add('TaskScheduled', now, [
          'taskScheduledEventDetails',
          { resourceType, resource: name, region, parameters: json(parameters) },
        ]);
        add('TaskStarted', now, ['taskStartedEventDetails', { resourceType, resource: name }]);
      });
    },
    taskEnded(state: string, resource: string, outcome: { output: unknown } | { error: string; cause: string }): void {
      const [resourceType = '', name = ''] = resource.split(':');
      afterEntered(state, () => {
        if ('output' in outcome)
          add('TaskSucceeded', Date.now(), [
            'taskSucceededEventDetails',
            { resourceType, resource: name, output: json(outcome.output), outputDetails: NOT_TRUNCATED },
          ]);
        else
          add('TaskFailed', Date.now(), [
            'taskFailedEventDetails',
            { resourceType, resource: name, error: outcome.error, cause: outcome.cause },
          ]);
      });
    },
    /** ExecutionAborted (StopExecution or the service stopping) or ExecutionTimedOut, which the library does not detail. */
    ended(type: 'ExecutionAborted' | 'ExecutionTimedOut', error: string | undefined, cause: string | undefined): void {
      const key = type === 'ExecutionAborted' ? 'executionAbortedEventDetails' : 'executionTimedOutEventDetails';
      add(type, Date.now(), [
        key,
        { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) },
      ]);
    },
  };
}

export type ExecutionHistory = ReturnType<typeof createHistory>;

const lowerFirst = (text: string) => `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}`;
const causeText = (cause: unknown) =>
  typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : (JSON.stringify(cause) ?? '');
