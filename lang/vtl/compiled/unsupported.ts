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
