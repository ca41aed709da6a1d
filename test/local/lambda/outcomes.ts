import assert from 'node:assert/strict';
import type { InvokeOutcome } from '../../../local/lambda/index.ts';

/** The result of an invocation that must have succeeded (the assertion shows the whole outcome otherwise). */
export function resultOf(outcome: InvokeOutcome): any {
  assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
  return (outcome as { result: unknown }).result;
}

/** The error of an invocation that must have failed. */
export function errorOf(outcome: InvokeOutcome): Extract<InvokeOutcome, { kind: 'error' }> {
  assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
  return outcome as Extract<InvokeOutcome, { kind: 'error' }>;
}
