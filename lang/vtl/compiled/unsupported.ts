/**
 * Thrown while compiling a template that uses a construct the compiled path does not implement (#macro,
 * #evaluate-style macro calls, `$fn()` on the context, names that shadow Object.prototype members...): that
 * template keeps the velocityjs path. The message names the construct for the debug log.
 */
export class UnsupportedConstruct extends Error {
  override readonly name = 'UnsupportedConstruct';
}

/** Names a template may not bind on the compiled path: they collide with velocityjs's plain-object bookkeeping. */
export function refuseReservedName(name: unknown, where: string): string {
  if (typeof name !== 'string') throw new UnsupportedConstruct(`${where} without a name`);
  if (name === '__proto__' || name in Object.prototype) {
    throw new UnsupportedConstruct(`${where} named ${JSON.stringify(name)} (an Object.prototype member)`);
  }
  return name;
}

/**
 * Past some depth of nested blocks or operators velocityjs's recursion overflows the stack (a render error) where
 * closures might not, or the reverse: such a template (none is written by hand) stays on velocityjs. Measured
 * without recursion, so the check itself cannot overflow.
 */
export const MAX_COMPILED_DEPTH = 200;

export function refuseDeepNesting(root: unknown): void {
  const pending: [unknown, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (depth > MAX_COMPILED_DEPTH) throw new UnsupportedConstruct(`nesting deeper than ${MAX_COMPILED_DEPTH}`);
    if (typeof node !== 'object' || node === null) continue;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
}
