/**
 * The compiled `npm start` (bin/build-dist.mjs) loads its heaviest packages on first use rather than with the bundle.
 * First use comes after the start waited for its DynamoDB worker; loading them while it waits makes that load and
 * that wait overlap (two cores) instead of following each other. Under tsx (development) nothing is deferred.
 */
import type { StartupTimings } from './startup-timings.ts';

/** Where the bundle's stand-in modules register their loaders (bin/build-dist.mjs, DEFERRED_PACKAGES_KEY). */
const DEFERRED_PACKAGES = Symbol.for('apigw-ws-integrations.deferredPackages');
/** The phase after which local/stack starts its DynamoDB worker and waits for it. */
const BEFORE_THE_WAIT = 'IAM policies loaded';

function loadDeferredPackages(): void {
  const loaders = (globalThis as { [DEFERRED_PACKAGES]?: Array<() => unknown> })[DEFERRED_PACKAGES] ?? [];
  // One per turn of the event loop, so the worker's and the gateway's own events are handled in between.
  const next = (index: number) => {
    const load = loaders[index];
    if (load === undefined) return;
    load();
    setImmediate(next, index + 1);
  };
  setImmediate(next, 0);
}

/** The same timings, which also start loading the deferred packages once the phase before the wait ended. */
export function loadingDeferredPackagesDuringTheWait(timings: StartupTimings): StartupTimings {
  let scheduled = false;
  return {
    ...timings,
    mark(phase) {
      timings.mark(phase);
      if (phase !== BEFORE_THE_WAIT || scheduled) return;
      scheduled = true;
      loadDeferredPackages();
    },
  };
}
