import type { InvokableFunction } from './types.ts';

/** `/2015-03-31/functions/{FunctionName}/invocations`, the Lambda Invoke path (REST-JSON). */
export const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

export type InvokeTarget =
  /** `arn`: the ARN invoked, with its qualifier unless none or `$LATEST` (what IAM evaluates). */
  | { found: true; fn: InvokableFunction; arn: string }
  /** `arn`: what Lambda names in "Function not found: …". */
  | { found: false; arn: string };

/**
 * The function an Invoke names, in any of Lambda's forms: `name`, `name:qualifier`, `account:function:name[:qualifier]`
 * or the full ARN; the qualifier may also come as `?Qualifier=`. `$LATEST` (or none) and the aliases and versions the
 * template creates are found (all run the function's current code); any other qualifier is not, as on AWS.
 */
export function invokeTarget(
  rawName: string,
  queryQualifier: string | null,
  functions: readonly InvokableFunction[],
  region: string,
  accountId: string,
): InvokeTarget {
  let name = rawName;
  let qualifier: string | undefined;
  const arn = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(name);
  const partial = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(name);
  if (arn) [name, qualifier] = [arn[3] ?? '', arn[4]];
  else if (partial) [name, qualifier] = [partial[2] ?? '', partial[3]];
  else if (name.includes(':')) [name = '', qualifier] = name.split(':', 2) as [string, string];
  qualifier ??= queryQualifier ?? undefined;
  const inRegion = arn ? arn[1] === region && arn[2] === accountId : partial ? partial[1] === accountId : true;
  const fn = inRegion ? functions.find((candidate) => candidate.name === name) : undefined;
  const base =
    fn?.arn ?? `arn:aws:lambda:${arn?.[1] ?? region}:${arn?.[2] ?? partial?.[1] ?? accountId}:function:${name}`;
  if (fn !== undefined && (qualifier === undefined || qualifier === '$LATEST')) return { found: true, fn, arn: fn.arn };
  if (fn !== undefined && qualifier !== undefined && fn.qualifiers?.includes(qualifier))
    return { found: true, fn, arn: `${fn.arn}:${qualifier}` };
  return { found: false, arn: qualifier === undefined ? base : `${base}:${qualifier}` };
}
