import { createRateLimiter } from './rate-limit.ts';
import type { RouteBinding } from './types.ts';

/** One token bucket per throttled route of the gateway; a route without a throttle has none and is never refused. */
export type RouteThrottles = ReadonlyMap<string, { take(): boolean }>;

export function createRouteThrottles(
  routes: ReadonlyMap<string, RouteBinding>,
  now: () => number = Date.now,
): RouteThrottles {
  const throttles = new Map<string, { take(): boolean }>();
  for (const [routeKey, route] of routes) {
    if (route.throttle === undefined || routeKey === '$disconnect') continue;
    throttles.set(routeKey, createRateLimiter(route.throttle.rateLimit, now, route.throttle.burstLimit));
  }
  return throttles;
}
