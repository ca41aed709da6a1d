/**
 * Checked by the type checker (`npm run typecheck`, the first step of `npm test`), never run:
 * a route kind added to the union fails to compile at every dispatch on route kinds until that
 * dispatch handles it, and the compiler names the kind. Each `@ts-expect-error` below fails the
 * typecheck if its line ever compiles (if a dispatch stopped being exhaustive).
 *
 * The real union grows in generator/config/routes.ts; here the dispatch types are given a union
 * with one more kind, `webhook`, which is what every map would then be checked against. Without
 * the directive, tsc reports e.g.:
 *   Property 'webhook' is missing in type 'RouteKindVisitors' but required in type
 *   'RouteKindVisitors<RouteWithWebhook>'.
 */
import { ROUTE_HANDLER_FILES } from '../../generator/config/load.ts';
import type { RouteKind, RouteKindHandlers } from '../../generator/config/route-kinds.ts';
import { ROUTE_KIND_PLACES, type Route } from '../../generator/config/routes.ts';
import { ROUTE_KIND_RULES } from '../../generator/config/rules.ts';
import type { RouteKindVisitors } from '../../generator/context.ts';
import { ROUTE_KIND_VISITORS } from '../../generator/visitors/routes.ts';

type RouteWithWebhook = Route | { integration: 'webhook'; url: string };
type KindWithWebhook = RouteWithWebhook['integration'];

/** True only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(proof: T): T => proof;

/** The kinds a dispatch map lacks for the grown union: the compiler's "Property '…' is missing". */
type MissingKinds<Map> = Exclude<KindWithWebhook, keyof Map>;

// Every dispatch covers today's kinds exactly ...
assertType<Equal<keyof typeof ROUTE_KIND_VISITORS, RouteKind>>(true);
assertType<Equal<keyof typeof ROUTE_HANDLER_FILES, RouteKind>>(true);
assertType<Equal<keyof typeof ROUTE_KIND_RULES, RouteKind>>(true);
assertType<Equal<keyof typeof ROUTE_KIND_PLACES, RouteKind>>(true);
// (with no optional handler among them)
assertType<Equal<typeof ROUTE_KIND_VISITORS, Required<typeof ROUTE_KIND_VISITORS>>>(true);
assertType<Equal<typeof ROUTE_HANDLER_FILES, Required<typeof ROUTE_HANDLER_FILES>>>(true);
assertType<Equal<typeof ROUTE_KIND_RULES, Required<typeof ROUTE_KIND_RULES>>>(true);
assertType<Equal<typeof ROUTE_KIND_PLACES, Required<typeof ROUTE_KIND_PLACES>>>(true);

// ... so with one more kind, each lacks exactly that kind ...
assertType<Equal<MissingKinds<typeof ROUTE_KIND_VISITORS>, 'webhook'>>(true);
assertType<Equal<MissingKinds<typeof ROUTE_HANDLER_FILES>, 'webhook'>>(true);
assertType<Equal<MissingKinds<typeof ROUTE_KIND_RULES>, 'webhook'>>(true);
assertType<Equal<MissingKinds<typeof ROUTE_KIND_PLACES>, 'webhook'>>(true);

// ... and does not compile as the dispatch over the grown union.
// @ts-expect-error Property 'webhook' is missing: the template would silently lack the route.
export const visitors: RouteKindVisitors<RouteWithWebhook> = ROUTE_KIND_VISITORS;
// @ts-expect-error Property 'webhook' is missing: its handler file would never be resolved.
export const handlerFiles: RouteKindHandlers<[string, string], unknown, RouteWithWebhook> = ROUTE_HANDLER_FILES;
// @ts-expect-error Property 'webhook' is missing: its cross-field rules would never run.
export const rules: RouteKindHandlers<[string, never, never], void, RouteWithWebhook> = ROUTE_KIND_RULES;
// @ts-expect-error Property 'webhook' is missing: its route keys would never be checked.
export const places: Record<KindWithWebhook, 'session' | 'message' | 'both'> = ROUTE_KIND_PLACES;

// Handling the kind is what makes it compile; each handler gets routes of its own kind.
export const visitorsWithWebhook: RouteKindVisitors<RouteWithWebhook> = {
  ...ROUTE_KIND_VISITORS,
  webhook: (_template, _context, routes) => {
    assertType<Equal<(typeof routes)[number]['route'], { integration: 'webhook'; url: string }>>(true);
  },
};
