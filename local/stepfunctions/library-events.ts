import type { StateMachine } from 'aws-local-stepfunctions';

/** aws-local-stepfunctions' execution event (its `EventLog` union, which the package does not export by name). */
export type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
