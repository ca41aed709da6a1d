import { parse } from 'velocityjs';
import { VtlError, describeLine } from './errors.ts';
import type { VelocityAst } from './velocity-types.ts';

/**
 * Parses a template with velocityjs, turning its errors into VtlErrors that name the
 * line, and rejecting unbalanced blocks, which velocityjs accepts silently: a missing
 * `#end` duplicates the rest of the template, an extra `#end` drops it.
 */
const SENTINEL_ID = '__vtlBalanceSentinel';
const SENTINEL = `\n#set($${SENTINEL_ID} = 0)`;

type JisonError = Error & { hash?: { loc?: { first_line?: number } } };

export function parseTemplate(template: string): VelocityAst[] {
  let asts: VelocityAst[];
  try {
    asts = parse(template);
  } catch (e) {
    const error = e as JisonError;
    const line = error.hash?.loc?.first_line;
    const detail = error.message.split('\n').at(-1) ?? error.message;
    const where = describeLine(template, line);
    throw new VtlError(`VTL syntax error${where ? ` at ${where}` : ''}: ${detail}`, { cause: e });
  }
  checkBalance(template);
  return asts;
}

function isSentinel(node: unknown): boolean {
  if (typeof node !== 'object' || node === null || (node as { type?: unknown }).type !== 'set') return false;
  const target = (node as { equal?: [{ id?: unknown }] }).equal?.[0];
  return target?.id === SENTINEL_ID;
}

function countSentinels(nodes: readonly unknown[]): number {
  return nodes.reduce<number>(
    (n, node) => n + (Array.isArray(node) ? countSentinels(node) : isSentinel(node) ? 1 : 0),
    0,
  );
}

/**
 * Appends a `#set` sentinel and looks where it lands: exactly once at the top level
 * means balanced; inside a block means a missing `#end`; nowhere means an extra `#end`.
 */
function checkBalance(template: string): void {
  const asts = parse(template + SENTINEL) as unknown[];
  const count = countSentinels(asts);
  if (count === 1 && isSentinel(asts.at(-1))) return;
  if (count === 0) throw new VtlError('VTL syntax error: #end without a matching #if, #foreach, #macro or #define');
  const open = asts.find((node) => Array.isArray(node) && countSentinels(node) > 0) as
    | { pos?: { first_line?: number } }[]
    | undefined;
  const where = describeLine(template, open?.[0]?.pos?.first_line);
  throw new VtlError(`VTL syntax error: block directive without #end${where ? ` at ${where}` : ''}`);
}
