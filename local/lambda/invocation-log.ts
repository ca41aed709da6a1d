import type { LocalLog, LogFields, LogLevel } from '../shared/log.ts';
import type { InvokeOutcome } from './types.ts';

/** What a sandbox measured for one invocation (the REPORT line's figures). */
export interface InvocationFigures {
  durationMs: number;
  /** The sandbox's peak memory so far, in MB (Lambda reports the peak over the execution environment's life). */
  maxMemoryUsedMb: number;
  /** Loading the handler's module, on a cold start only. */
  initDurationMs?: number;
}

/** The levels the Lambda Node.js runtime writes for each console method, mapped to the stack log's levels. */
const RECORD_LEVEL: Record<string, LogLevel> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
  FATAL: 'error',
};

/**
 * One function's lines in the stack log, as Lambda writes them to CloudWatch Logs (Lambda Developer Guide, "Log and
 * monitor Node.js Lambda functions"): `START RequestId: {id} Version: $LATEST`, each console line as
 * `{ISO time}\t{id}\t{LEVEL}\t{message}`, `END RequestId: {id}` and `REPORT RequestId: {id}\tDuration: 12.34 ms\t
 * Billed Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB\tInit Duration: 150.00 ms`, the last on a
 * cold start only. Every message starts with the function's name in brackets, and carries it and the request id as
 * fields (`--log-format json`). START is written with the invocation's first line or its END, whichever comes first:
 * the sandbox posts nothing extra when an invocation starts.
 */
export function createInvocationLog(functionName: string, memorySizeMb: number, log: LocalLog) {
  const started = new Set<string>();
  /** The last invocations that ended: output arriving after its END (a timer left running) gets no second START. */
  const ended = new Set<string>();
  /** `fields` may be shared by the lines of one invocation: records and their fields are read-only. */
  const write = (
    requestId: string,
    message: string,
    level: LogLevel = 'info',
    fields: LogFields = { function: functionName, requestId },
  ) => {
    log(`[${functionName}] ${message}`, level, fields);
  };
  const startLine = (requestId: string) => `START RequestId: ${requestId} Version: $LATEST`;
  const start = (requestId: string) => {
    if (started.has(requestId) || ended.has(requestId)) return;
    started.add(requestId);
    write(requestId, startLine(requestId));
  };
  return {
    /** A line the handler wrote: `level` is the Lambda runtime's (INFO, WARN, ...); a raw write has none. */
    output(requestId: string, text: string, level?: string, time = Date.now()): void {
      start(requestId);
      const line = level === undefined ? text : `${new Date(time).toISOString()}\t${requestId}\t${level}\t${text}`;
      write(requestId, line, level === undefined ? 'info' : (RECORD_LEVEL[level] ?? 'info'));
    },
    /** The invocation ended: its error as the runtime logs it, then END and REPORT. */
    finished(requestId: string, outcome: InvokeOutcome, figures: InvocationFigures): void {
      // One fields object for the invocation's last lines (three per echo message: START, END and REPORT).
      const fields: LogFields = { function: functionName, requestId };
      // As start() then forgetting it: START unless an output line wrote it, or the invocation already ended.
      if (!started.delete(requestId) && !ended.has(requestId)) write(requestId, startLine(requestId), 'info', fields);
      ended.add(requestId);
      if (ended.size > 64) ended.delete(ended.values().next().value!);
      if (outcome.kind === 'error') {
        const error = { errorType: outcome.errorType, errorMessage: outcome.errorMessage, stack: outcome.stack ?? [] };
        write(
          requestId,
          `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(error)}`,
          'error',
          fields,
        );
      } else if (outcome.kind === 'timeout') {
        write(
          requestId,
          `${new Date().toISOString()} ${requestId} Task timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds`,
          'error',
          fields,
        );
      }
      write(requestId, `END RequestId: ${requestId}`, 'info', fields);
      write(requestId, reportLine(requestId, memorySizeMb, figures), 'info', fields);
    },
  };
}

export type InvocationLog = ReturnType<typeof createInvocationLog>;

/**
 * Lambda bills the duration rounded up to the next millisecond, and since 1 August 2025 the init phase of on-demand
 * functions too (AWS Compute Blog, "AWS Lambda standardizes billing for INIT Phase"): a cold start's Billed Duration
 * includes its Init Duration.
 */
export function reportLine(requestId: string, memorySizeMb: number, figures: InvocationFigures): string {
  const init = figures.initDurationMs;
  const billed = Math.max(1, Math.ceil(figures.durationMs + (init ?? 0)));
  // One template, no array to join: a REPORT line is written for every invocation.
  const line =
    `REPORT RequestId: ${requestId}\tDuration: ${figures.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms` +
    `\tMemory Size: ${memorySizeMb} MB\tMax Memory Used: ${Math.max(1, Math.ceil(figures.maxMemoryUsedMb))} MB`;
  return init === undefined ? line : `${line}\tInit Duration: ${init.toFixed(2)} ms`;
}
