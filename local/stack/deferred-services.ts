import type { BackendServices } from './backends.ts';

/**
 * The backend services once started; a start failure rejects it, so handshakes and requests waiting on it end.
 * The gateway and the local AWS endpoint listen before the backends start (their ports go into the Lambda
 * environment): what arrives meanwhile waits here.
 */
export function deferredServices() {
  let ready: BackendServices | undefined;
  let resolve!: (services: BackendServices) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<BackendServices>((res, rej) => {
    resolve = (services) => {
      ready = services;
      res(services);
    };
    reject = rej;
  });
  // Callers that never came (no client during the start) must not turn a start failure into an unhandled rejection;
  // startLocalStack rethrows the failure itself.
  promise.catch(() => undefined);
  /** Calls `work` with the services: at once once they are ready (every message goes here), else when they are. */
  const use = <T>(work: (services: BackendServices) => Promise<T>): Promise<T> =>
    ready !== undefined ? work(ready) : promise.then(work);
  return { promise, resolve, reject, use, current: () => ready };
}

export type DeferredServices = ReturnType<typeof deferredServices>;
