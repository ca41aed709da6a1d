import type { z } from 'zod';

/**
 * A cross-field rule's finding, in the shape every config error has: the path, the value it saw (`got`, which the
 * error printer shows) and the rule. One spelling of `ctx.addIssue` for the rule modules.
 */
export function addProblem(
  ctx: z.RefinementCtx,
  path: ReadonlyArray<string | number>,
  got: unknown,
  message: string,
): void {
  ctx.addIssue({ code: 'custom', path: [...path], params: { got }, message });
}
