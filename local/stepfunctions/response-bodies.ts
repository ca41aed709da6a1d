import { renderAwsJson } from './aws-json.ts';
import { epochSecondsOf } from './java-double.ts';
import type { ExecutionRecord } from './types.ts';

/** Express sync executions are billed in 100 ms steps (at least 100) and 64 MB steps. */
const BILLED_MEMORY_MB = 64;
const billedDuration = (record: ExecutionRecord, stopDate: Date): number =>
  Math.max(100, Math.ceil((stopDate.getTime() - record.startDate.getTime()) / 100) * 100);

export const DATA_DETAILS = {
  __type: 'com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails',
  included: true,
};

/** `StartExecution` answer: `{"executionArn":"…","startDate":1.652716274909E9}`. */
export function startExecutionBody(record: ExecutionRecord): string {
  return renderAwsJson({ executionArn: record.executionArn, startDate: epochSecondsOf(record.startDate) });
}

/**
 * `StartSyncExecution` answer (HTTP 200 even when the execution failed). A sync execution cut
 * short by stopping the local service is reported FAILED: AWS cannot abort a sync Express execution.
 */
export function startSyncExecutionBody(record: ExecutionRecord, traceHeader: string | undefined): string {
  const stopDate = record.stopDate ?? new Date();
  const aborted = record.status === 'ABORTED';
  return renderAwsJson({
    billingDetails: {
      billedDurationInMilliseconds: billedDuration(record, stopDate),
      billedMemoryUsedInMB: BILLED_MEMORY_MB,
    },
    cause: aborted ? 'The local Step Functions service stopped during the execution' : record.cause,
    error: aborted ? 'States.Aborted' : record.error,
    executionArn: record.executionArn,
    input: record.input,
    inputDetails: DATA_DETAILS,
    name: record.name,
    output: record.status === 'SUCCEEDED' ? record.output : undefined,
    outputDetails: record.status === 'SUCCEEDED' ? DATA_DETAILS : undefined,
    startDate: epochSecondsOf(record.startDate),
    stateMachineArn: record.stateMachineArn,
    status: aborted ? 'FAILED' : record.status,
    stopDate: epochSecondsOf(stopDate),
    traceHeader,
  });
}
