import type { Route } from './routes.ts';

/**
 * Dispatch on the kind of a route (its `integration`). Every place that treats kinds differently
 * holds one handler per kind in a map typed from the union, never an `if (kind !== …) continue`:
 * adding a kind to the route schema then fails to compile at each such map, naming the kind.
 * `Union` is a parameter only so test/generator/route-kinds.typecheck.ts can show exactly that.
 */
export type RouteKind = Route['integration'];

/** The routes of one kind. */
export type RouteOfKind<K extends Union['integration'], Union extends { integration: string } = Route> = Extract<
  Union,
  { integration: K }
>;

/** One handler per kind, each given a route of its own kind. */
export type RouteKindHandlers<Args extends unknown[], Result, Union extends { integration: string } = Route> = {
  [K in Union['integration']]: (route: RouteOfKind<K, Union>, ...args: Args) => Result;
};

/** A route and its key in `routes`. */
export interface RouteEntry<R> {
  key: string;
  route: R;
}

/** Runs the handler of the route's kind. */
export function dispatchRoute<Args extends unknown[], Result>(
  handlers: RouteKindHandlers<Args, Result>,
  route: Route,
  ...args: Args
): Result {
  // The map has a handler for every kind, and the one under `route.integration` takes exactly this route.
  const handler = handlers[route.integration] as (route: Route, ...args: Args) => Result;
  return handler(route, ...args);
}

/** The routes of one kind, in config order. */
export function routesOfKind<K extends RouteKind>(
  routes: Readonly<Record<string, Route>>,
  kind: K,
): RouteEntry<RouteOfKind<K>>[] {
  const entries: RouteEntry<RouteOfKind<K>>[] = [];
  for (const [key, route] of Object.entries(routes)) {
    if (isKind(route, kind)) entries.push({ key, route });
  }
  return entries;
}

function isKind<K extends RouteKind>(route: Route, kind: K): route is RouteOfKind<K> {
  return route.integration === kind;
}
