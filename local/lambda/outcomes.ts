/** The outcomes the sandbox gives for invocations that did not end with the handler's own result or error. */
import type { InvokeOutcome } from './types.ts';

/** Lambda's answer when a function's concurrency is used up: Invoke fails with 429 TooManyRequestsException. */
export const THROTTLED: InvokeOutcome = { kind: 'throttled' };
export const CALLER_GONE: InvokeOutcome = { kind: 'dropped', reason: 'caller-gone' };
export const DEADLINE_PASSED: InvokeOutcome = { kind: 'dropped', reason: 'deadline' };
export const INTERRUPTED: InvokeOutcome = { kind: 'dropped', reason: 'interrupted' };

export function stoppedOutcome(): InvokeOutcome {
  return { kind: 'error', errorType: 'Runtime.ServiceStopped', errorMessage: 'the local Lambda service was stopped' };
}

/** Lambda's wording for a runtime that died mid-invocation (process.exit, OOM, uncaught error). */
export function crashOutcome(requestId: string, code: number, error: Error | undefined): InvokeOutcome {
  const prefix = `RequestId: ${requestId} Error: Runtime exited`;
  if ((error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return {
      kind: 'error',
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `${prefix} with error: out of memory (${error?.message})`,
    };
  }
  if (error) {
    return { kind: 'error', errorType: error.name, errorMessage: error.message, stack: error.stack?.split('\n') ?? [] };
  }
  return { kind: 'error', errorType: 'Runtime.ExitError', errorMessage: `${prefix} with error: exit status ${code}` };
}
