/**
 * The compiled `npm start` (bin/build-dist.mjs) loads its heaviest packages on first use rather than with the bundle.
 * First use comes after the start waited for its DynamoDB worker; loading them while it waits makes that load and
 * that wait overlap (two cores) instead of following each other. Under tsx (development) nothing is deferred.
 * The IAM simulator's first evaluation also costs about ten times a later one (its engine's first run); one throwaway
 * evaluation in the same wait keeps that cost off the first connection's `$connect`.
 */
import { simulate } from '../local/iam/simulate.ts';
import type { StartupTimings } from './startup-timings.ts';

/** Where the bundle's stand-in modules register their loaders (bin/build-dist.mjs, DEFERRED_PACKAGES_KEY). */
const DEFERRED_PACKAGES = Symbol.for('apigw-ws-integrations.deferredPackages');
/** The phase after which local/stack starts its DynamoDB worker and waits for it. */
const BEFORE_THE_WAIT = 'IAM policies loaded';
const ACCOUNT = '123456789012';
/** A request like the first one a stack evaluates (its `$connect` integration role's PutItem); its result is unused. */
const THROWAWAY_EVALUATION = {
  principal: `arn:aws:iam::${ACCOUNT}:role/start-up-warm-up`,
  action: 'dynamodb:PutItem',
  resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/start-up-warm-up`,
  accountId: ACCOUNT,
  context: {},
  identityPolicies: [
    {
      name: 'start-up-warm-up',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['dynamodb:PutItem'],
            Resource: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/start-up-warm-up`],
          },
        ],
      },
    },
  ],
  resourcePolicy: undefined,
} satisfies Parameters<typeof simulate>[0];

function loadDeferredPackages(then: () => void): void {
  const loaders = (globalThis as { [DEFERRED_PACKAGES]?: Array<() => unknown> })[DEFERRED_PACKAGES] ?? [];
  // One per turn of the event loop, so the worker's and the gateway's own events are handled in between.
  const next = (index: number) => {
    const load = loaders[index];
    if (load === undefined) return then();
    load();
    setImmediate(next, index + 1);
  };
  setImmediate(next, 0);
}

/**
 * The same timings, which also start loading the deferred packages once the phase before the wait ended, and then
 * (when the stack evaluates IAM) run one throwaway evaluation.
 */
export function loadingDeferredPackagesDuringTheWait(
  timings: StartupTimings,
  options: { iam: 'on' | 'off' },
): StartupTimings {
  let scheduled = false;
  return {
    ...timings,
    mark(phase) {
      timings.mark(phase);
      if (phase !== BEFORE_THE_WAIT || scheduled) return;
      scheduled = true;
      loadDeferredPackages(() => {
        // Only a warm-up: a failure here is the real first evaluation's to report, if it happens there too.
        if (options.iam === 'on') simulate(THROWAWAY_EVALUATION).catch(() => undefined);
      });
    },
  };
}
