/** Waiting for one event with a deadline, for the bench's IPC replies and socket replies alike. */
import type { EventEmitter } from 'node:events';

export interface NextEventSpec {
  /** The event whose first argument resolves the wait. */
  event: string;
  /** An event that ends the wait with an error (the process exited, the socket closed); its first argument goes to `failure`. */
  failEvent: string;
  deadlineMs: number;
  /** Error messages: what was awaited, and why it cannot come any more. */
  timeout: string;
  failure(argument: unknown): string;
}

export function nextEvent<T>(emitter: EventEmitter, spec: NextEventSpec): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(spec.timeout))), spec.deadlineMs);
    const onEvent = (value: T): void => finish(() => resolve(value));
    const onFail = (argument: unknown): void => finish(() => reject(new Error(spec.failure(argument))));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      emitter.off(spec.event, onEvent);
      emitter.off(spec.failEvent, onFail);
      settle();
    };
    emitter.on(spec.event, onEvent);
    emitter.once(spec.failEvent, onFail);
  });
}
