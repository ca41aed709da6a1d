import { allStates, type AslStates } from './definition-walk.ts';

export type WaitTimeOverrides = Record<string, number>;

/**
 * Milliseconds per Wait state name (aws-local-stepfunctions' `waitTimeOverrides`), scaled.
 * Only Wait states with a fixed `Seconds` are scaled; `SecondsPath`/`Timestamp`/`TimestampPath`
 * depend on data, and a fixed override would change their meaning, so they run unscaled.
 */
export function scaledWaitTimes(definition: AslStates, scale: number): WaitTimeOverrides {
  const overrides: WaitTimeOverrides = {};
  if (scale === 1) return overrides;
  for (const { name, state } of allStates(definition)) {
    if (state.Type === 'Wait' && typeof state['Seconds'] === 'number')
      overrides[name] = state['Seconds'] * 1000 * scale;
  }
  return overrides;
}

/**
 * Retry intervals scaled in a copy of the definition (made after validation, so fractional
 * seconds are fine). The library's `retryIntervalOverrides` would replace the backoff by a fixed
 * delay; scaling `IntervalSeconds` and `MaxDelaySeconds` keeps the exponential backoff.
 */
export function withScaledRetryIntervals<T extends AslStates>(definition: T, scale: number): T {
  const copy = structuredClone(definition);
  if (scale === 1) return copy;
  for (const { state } of allStates(copy)) {
    if (!Array.isArray(state['Retry'])) continue;
    for (const retrier of state['Retry'] as Record<string, unknown>[]) {
      retrier['IntervalSeconds'] =
        (typeof retrier['IntervalSeconds'] === 'number' ? retrier['IntervalSeconds'] : 1) * scale;
      if (typeof retrier['MaxDelaySeconds'] === 'number') retrier['MaxDelaySeconds'] *= scale;
    }
  }
  return copy;
}
