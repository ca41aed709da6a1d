import type { MethodDispatch } from '../method-handlers.ts';

/** One compiled piece of template output. */
export type Render = (state: RenderState) => string;
/** One compiled expression, literal or reference read. */
export type Evaluate = (state: RenderState) => unknown;

/**
 * Thrown when a render meets a value the compiled path does not model (a JavaScript function reached by name, a
 * `#set` into a host object): the engine renders that request again on the velocityjs path, so the answer is
 * always velocityjs's. Renders never change the caller's data (the engine copies it), so starting over is safe.
 */
export class CompiledPathBailout extends Error {
  override readonly name = 'CompiledPathBailout';
}

/**
 * The mutable state of one render, mirroring velocityjs's Compile fields one for one (context, local, conditions,
 * contextId, runState, defines): its variable scoping has quirks (a `#foreach` over a map never leaves its scope,
 * `#break` outlives its loop) that templates can observe, so the compiled path keeps the same bookkeeping.
 */
export class RenderState {
  readonly local: Record<string, Record<string, unknown>> = {};
  readonly conditions: string[] = [];
  readonly defines: Record<string, unknown> = {};
  contextId = '';
  stopped = false;
  broken = false;
  #loops = 0;

  constructor(
    readonly context: Record<string, unknown>,
    readonly silence: boolean,
    readonly methods: MethodDispatch,
  ) {}

  nextLoopId(): string {
    this.#loops += 1;
    return `foreach:${this.#loops}`;
  }
}

/** velocityjs's renderAstList: enters `contextId`'s scope (or the template's), then renders until `#stop`. */
export function renderList(items: readonly Render[], state: RenderState, contextId?: string): string {
  if (contextId) {
    if (contextId !== state.contextId && !state.conditions.includes(contextId)) state.conditions.unshift(contextId);
    state.contextId = contextId;
  } else {
    state.contextId = '';
  }
  let text = '';
  for (const item of items) {
    if (state.stopped) break;
    text += item(state);
  }
  return text;
}

/** What findLocal answers when no loop scope holds the name (a value no template can hold). */
export const NOT_LOCAL: unique symbol = Symbol('not a loop variable');

/**
 * velocityjs's getLocal: the value in the innermost loop scope that holds `id`, or NOT_LOCAL. A sentinel rather
 * than a `{found, value}` pair: this runs for every reference a template reads, and each pair was garbage.
 */
export function findLocal(state: RenderState, id: string): unknown {
  for (const contextId of state.conditions) {
    const scope = state.local[contextId];
    if (scope !== undefined && Object.hasOwn(scope, id)) return scope[id];
  }
  return NOT_LOCAL;
}

/** velocityjs's getContext for `#set`: the loop scope that already holds `id`, else the template context. */
export function scopeOf(state: RenderState, id: string): Record<string, unknown> {
  for (const contextId of state.conditions) {
    const scope = state.local[contextId] as Record<string, unknown>;
    if (Object.hasOwn(scope, id)) return scope;
  }
  return state.context;
}
