/**
 * The places a function's in-flight invocations (the running one and those waiting) occupy, at most `capacity`, and a
 * cancel flag per place that the sandbox's worker reads before it starts an invocation. The flags live in shared
 * memory because the worker runs queued invocations one after the other without returning to its event loop, so a
 * "cancel" message would arrive only after the very invocations it meant to stop.
 */
export interface InvocationSlots {
  /** The flags, shared with every worker of the sandbox (`workerData.cancelFlags`). */
  readonly cancelFlags: SharedArrayBuffer;
  /** A free place with its flag cleared, or undefined when `capacity` invocations are in flight. */
  take(): number | undefined;
  /** The worker must not start the invocation in `slot` (one already started runs on). */
  cancel(slot: number): void;
  /** The invocation in `slot` has left the queue (its worker replied, or the worker was discarded). */
  release(slot: number): void;
}

export function createInvocationSlots(capacity: number): InvocationSlots {
  const cancelFlags = new SharedArrayBuffer(capacity);
  const flags = new Uint8Array(cancelFlags);
  const free: number[] = [];
  for (let slot = capacity - 1; slot >= 0; slot--) free.push(slot);
  return {
    cancelFlags,
    take() {
      const slot = free.pop();
      if (slot !== undefined) Atomics.store(flags, slot, 0);
      return slot;
    },
    cancel: (slot) => void Atomics.store(flags, slot, 1),
    release: (slot) => void free.push(slot),
  };
}
