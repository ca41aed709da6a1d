import { Helper } from 'velocityjs';
import { VtlError, describeLine } from './errors.ts';
import type { VelocityAst } from './velocity-types.ts';

/**
 * The VtlError for a failure inside a reference: the cause's message, the reference's text and its template line.
 * Shared by the velocityjs path and the compiled path, so both fail with the same message.
 */
export function locateError(error: unknown, ast: VelocityAst, template: string): VtlError {
  if (error instanceof VtlError) return error;
  const where = ast.type === 'references' ? ` in ${Helper.getRefText(ast)}` : '';
  const line = describeLine(template, 'pos' in ast ? ast.pos?.first_line : undefined);
  const message = error instanceof Error ? error.message : String(error);
  return new VtlError(`${message}${where}${line ? ` (${line})` : ''}`, { cause: error });
}
