import type { GatewayObserver } from '../api/index.ts';

/** One observer calling each given one's hooks in turn; hooks none of them has stay undefined (nothing to call per message). */
export function combineObservers(observers: Array<GatewayObserver | undefined>): GatewayObserver | undefined {
  const present = observers.filter((observer): observer is GatewayObserver => observer !== undefined);
  if (present.length <= 1) return present[0];
  const combined: GatewayObserver = {};
  for (const hook of ['request', 'message', 'opened', 'closed'] as const) {
    const calls = present.map((observer) => observer[hook]).filter((call) => call !== undefined) as Array<
      (...args: unknown[]) => void
    >;
    if (calls.length > 0)
      (combined as Record<string, (...args: unknown[]) => void>)[hook] = (...args) => {
        for (const call of calls) call(...args);
      };
  }
  return combined;
}
