/**
 * Small helpers for looking at CloudFormation values in long form, shared by the checks.
 */
import type { CfnObject, CfnValue } from '../cfn/types.ts';
import { childPath } from './finding.ts';

export function isPlainObject(value: unknown): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `{ Ref: .. }` or `{ 'Fn::X': .. }`: a value only known at deploy time. The static checks
 * cannot see through it, so they skip shape checks on it (cfn-lint resolves more of these).
 * `Condition` is not treated as intrinsic: as a single key it is also an ordinary
 * property name (IAM statements, S3 rules), and misreading it would hide real typos.
 */
export function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** A value that is either a literal or a list of them, as IAM `Action`/`Resource` allow. */
export function asList(value: CfnValue | undefined): CfnValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Visit every object node (including intrinsic objects) below `value`, depth first. */
export function visitObjects(
  value: CfnValue | undefined,
  path: string,
  visit: (node: CfnObject, path: string) => void,
): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) visitObjects(item, childPath(path, i), visit);
  } else if (isPlainObject(value)) {
    visit(value, path);
    for (const [key, child] of Object.entries(value)) visitObjects(child, childPath(path, key), visit);
  }
}

/** `Fn::GetAtt` accepts `[resource, attribute]` and the dotted string form; split at the first dot. */
export function getAttParts(arg: CfnValue | undefined): { resource: string; attribute: CfnValue } | undefined {
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    return dot < 0 ? undefined : { resource: arg.slice(0, dot), attribute: arg.slice(dot + 1) };
  }
  if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
    return { resource: arg[0], attribute: arg[1]! };
  }
  return undefined;
}
