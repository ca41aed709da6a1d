import { epochSecondsOf, JavaDouble } from '../java-double.ts';
import type { HistoryEvent } from '../history.ts';
import { DATA_DETAILS } from '../response-bodies.ts';
import type { ExecutionRecord, StateMachineConfig } from '../types.ts';

/** DescribeExecution's answer: ListExecutions' item, then its data; output and error members only for the statuses that have them. */
export function describeExecutionBody(record: ExecutionRecord): Record<string, unknown> {
  const succeeded = record.status === 'SUCCEEDED';
  return {
    ...executionListItem(record),
    input: record.input,
    inputDetails: DATA_DETAILS,
    output: succeeded ? record.output : undefined,
    outputDetails: succeeded ? DATA_DETAILS : undefined,
    error: record.error,
    cause: record.cause,
  };
}

/** ListExecutions' item. */
export function executionListItem(record: ExecutionRecord): Record<string, unknown> {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSecondsOf(record.startDate),
    stopDate: record.stopDate && epochSecondsOf(record.stopDate),
  };
}

/** Data members a history leaves out when `includeExecutionData` is false. */
const EXECUTION_DATA = new Set(['input', 'output', 'parameters']);

/** A HistoryEvent on the wire: epoch-seconds timestamp, its details under their own member. */
export function historyEventBody(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    timestamp: new JavaDouble(event.timestamp / 1000),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  if (event.details) {
    const [key, value] = event.details;
    body[key] = includeExecutionData
      ? value
      : Object.fromEntries(Object.entries(value).filter(([member]) => !EXECUTION_DATA.has(member)));
  }
  return body;
}

/** ListStateMachines' item. */
export function stateMachineListItem(config: StateMachineConfig, creationDate: Date): Record<string, unknown> {
  return {
    stateMachineArn: config.arn,
    name: config.name,
    type: config.type,
    creationDate: epochSecondsOf(creationDate),
  };
}

/** DescribeStateMachine's answer: the definition as deployed (substitutions applied), logging and tracing off locally. */
export function describeStateMachineBody(config: StateMachineConfig, creationDate: Date): Record<string, unknown> {
  return {
    ...stateMachineListItem(config, creationDate),
    status: 'ACTIVE',
    definition: JSON.stringify(config.definition),
    roleArn: config.roleArn,
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}
