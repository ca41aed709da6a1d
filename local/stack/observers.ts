import type { GatewayObserver } from '../api/index.ts';

type Hook = (...args: never[]) => void;

/** One observer calling each given one's hooks in turn; hooks none of them has stay undefined (nothing to call per message). */
export function combineObservers(observers: Array<GatewayObserver | undefined>): GatewayObserver | undefined {
  const present = observers.filter((observer): observer is GatewayObserver => observer !== undefined);
  if (present.length <= 1) return present[0];
  const combined: GatewayObserver = {};
  for (const hook of ['request', 'message', 'opened', 'closed'] as const) {
    const calls = present.map((observer) => observer[hook]).filter((call) => call !== undefined) as Hook[];
    const joined = inTurn(calls);
    if (joined !== undefined) (combined as Record<string, Hook>)[hook] = joined;
  }
  return combined;
}

/**
 * The hooks called one after the other with the same arguments. A hook runs up to twice per message: a single hook
 * is used as it is, and no arguments array is built or spread (every hook takes at most three arguments).
 */
function inTurn(calls: Hook[]): Hook | undefined {
  if (calls.length <= 1) return calls[0];
  const list = calls as Array<(a?: unknown, b?: unknown, c?: unknown) => void>;
  return ((a?: unknown, b?: unknown, c?: unknown) => {
    for (const call of list) call(a, b, c);
  }) as Hook;
}
