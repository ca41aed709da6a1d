import type { CfnTemplate } from '../cfn/types.ts';
import type { Route, WsConfig } from './config/index.ts';
import type { RouteEntry, RouteKind, RouteOfKind } from './config/route-kinds.ts';
import type { PartialRenderer } from './render/partials.ts';

/** Paths the config loader resolved, so the generator itself never touches the disk. */
export interface ResolvedHandler {
  /** `CodeUri`, relative to the template's directory. @example 'handlers/' */
  codeUri: string;
  /** esbuild entry point inside `codeUri`. @example 'default.ts' */
  entryPoint: string;
  /** Lambda handler. @example 'default.handler' */
  handler: string;
}

/** A workflow definition file the config loader read and parsed (JSON or YAML). */
export interface ResolvedWorkflow {
  /** The file as the config names it. @example 'workflows/greet.asl.json' */
  file: string;
  definition: Record<string, unknown>;
}

/** What the config loader resolved from files, so the generator itself never touches the disk. */
export interface ResolvedFiles {
  /** Route key (or `$connect`, `$authorizer`) → resolved handler paths of its Lambda function. */
  handlers: Map<string, ResolvedHandler>;
  /** Name in `functions` → resolved handler paths. @default none */
  functions?: Map<string, ResolvedHandler>;
  /** Route key → its own workflow definition (`workflow.definition`). @default none */
  workflows?: Map<string, ResolvedWorkflow>;
}

export interface GeneratorContext extends Required<ResolvedFiles> {
  config: WsConfig;
  partials: PartialRenderer;
  /** Route key → base logical name (see naming.ts). */
  routeNames: Map<string, string>;
  /** Config problems only the generator can see (a resource name taken twice, a definition's); thrown at the end. */
  problems: string[];
}

/** One concern's contribution to the template; visitors run in order over one template object. */
export type Visitor = (template: CfnTemplate, context: GeneratorContext) => void;

/**
 * What one kind of route adds to the template, given that kind's routes in config order. Kept as
 * a map over every kind (visitors/routes.ts), so a new kind does not compile until it emits something.
 */
export type RouteKindVisitors<Union extends { integration: string } = Route> = {
  [K in Union['integration']]: (
    template: CfnTemplate,
    context: GeneratorContext,
    routes: RouteEntry<RouteOfKind<K, Union>>[],
  ) => void;
};
export type RouteKindVisitor<K extends RouteKind> = RouteKindVisitors[K];
