import type { Worker } from 'node:worker_threads';

/**
 * What a connection's events repeat. Every event of one connection carries a `requestContext` whose fields are mostly
 * the same from message to message (connectionId, connectedAt, identity, domainName, apiId, stage, the authorizer's
 * context...): structured cloning wrote and read all of them, keys and values, for every message. The first event of
 * a connection sends its `requestContext` to the worker as a template (its keys in order, its values); later ones
 * send only the values that differ from it, `undefined` for each that is the same (plain JSON data has no
 * `undefined`, json-data.mjs), and the worker rebuilds the object, key by key in the same order, from fresh copies
 * of the template's values (sandbox-worker.mjs). Nothing here trusts the event's builder: every value is compared.
 */
export type PostedContext =
  /** a template already in the worker */
  | number
  /** a new template: the worker keeps it under `id` until told to forget it */
  | [id: number, keys: string[], values: unknown[]];

interface ContextTemplate {
  /** The worker that has it: a replacement worker (after a crash or a timeout) gets a new one. */
  worker: Worker;
  id: number;
  keys: string[];
  values: unknown[];
}

/** Plain JSON data (two copies made by copyPlainJson) equal, member by member and in the same key order. */
export function samePlainJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!samePlainJson(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  for (let index = 0; index < aKeys.length; index += 1) {
    const key = aKeys[index]!;
    if (key !== bKeys[index]) return false;
    if (!samePlainJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** One sandbox's templates: one per connection (its `gone` signal), for the worker the sandbox runs now. */
export function createContextTemplates() {
  const byScope = new WeakMap<AbortSignal, ContextTemplate>();
  let nextId = 1;
  return {
    /**
     * The posted form of `event` (a plain copy, never changed after: a re-post to a fresh worker reads it again):
     * the event with `requestContext` held as `null` in its place, the template and the differing values; or
     * undefined when there is nothing to share (no connection scope, no plain requestContext, other keys).
     */
    split(
      event: unknown,
      scope: AbortSignal | undefined,
      worker: Worker,
    ): { event: Record<string, unknown>; context: PostedContext; values: unknown[] } | undefined {
      // An ended connection's template is forgotten (forget): its last invocations, skipped in the worker, go whole.
      if (scope === undefined || scope.aborted || typeof event !== 'object' || event === null || Array.isArray(event))
        return undefined;
      const context = (event as Record<string, unknown>)['requestContext'];
      if (typeof context !== 'object' || context === null || Array.isArray(context)) return undefined;
      const fields = context as Record<string, unknown>;
      const keys = Object.keys(fields);
      const template = byScope.get(scope);
      const held = { ...(event as Record<string, unknown>), requestContext: null };
      if (template === undefined || template.worker !== worker) {
        // Built with push: map's or fill's result has holey elements, which structured cloning sends as a sparse array.
        const values: unknown[] = [];
        const same: unknown[] = [];
        for (const key of keys) {
          values.push(fields[key]);
          same.push(undefined);
        }
        const fresh: ContextTemplate = { worker, id: nextId++, keys, values };
        byScope.set(scope, fresh);
        return { event: held, context: [fresh.id, keys, values], values: same };
      }
      if (keys.length !== template.keys.length) return undefined;
      const values: unknown[] = [];
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index]!;
        if (key !== template.keys[index]) return undefined; // another shape: sent whole, the template kept
        const value = fields[key];
        values.push(samePlainJson(value, template.values[index]) ? undefined : value);
      }
      return { event: held, context: template.id, values };
    },
    /** The connection ended: the id its template has in `worker`, which can forget it, if it has one there. */
    forget(scope: AbortSignal, worker: Worker | undefined): number | undefined {
      const template = byScope.get(scope);
      byScope.delete(scope);
      return template !== undefined && template.worker === worker ? template.id : undefined;
    },
  };
}
