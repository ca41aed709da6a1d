/**
 * Check a property value against its spec type, recursively: struct property names, required
 * struct properties, array items and map values. Intrinsics and `json` values are skipped
 * (their content is unknown or free-form); cfn-lint covers what is skipped here.
 */
import type { CfnObject, CfnValue } from '../cfn/types.ts';
import { isIntrinsic, isPlainObject } from './cfn-values.ts';
import { childPath, type Finding } from './finding.ts';
import { TAG_SHAPE, findTypeDefinition, type SpecDatabase, type SpecShape, type SpecType } from './spec-db.ts';

export interface ShapeContext {
  db: SpecDatabase;
  /** The resource type, named in messages so a reader knows which spec was applied. */
  resourceType: string;
  findings: Finding[];
}

/** Check `value` against `type`. Shapes that do not match the value's kind are left alone. */
export function checkTypedValue(value: CfnValue, type: SpecType, path: string, ctx: ShapeContext): void {
  if (isIntrinsic(value)) return;
  switch (type.type) {
    case 'ref':
      if (isPlainObject(value)) checkStruct(value, [findTypeDefinition(ctx.db, type.reference)], path, ctx);
      return;
    case 'tag':
      if (isPlainObject(value)) checkStruct(value, [TAG_SHAPE], path, ctx);
      return;
    case 'array':
      if (Array.isArray(value))
        for (const [i, item] of value.entries()) checkTypedValue(item, type.element, childPath(path, i), ctx);
      return;
    case 'map':
      if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) checkTypedValue(item, type.element, childPath(path, key), ctx);
      }
      return;
    case 'union':
      checkUnion(value, type.types, path, ctx);
      return;
    default:
      return; // primitives and `json`: nothing structural to check
  }
}

/**
 * Unions (e.g. KeySchema: `KeySchema[] | json`) are narrowed by the value's kind. An array is
 * checked against the array member; an object against the struct members, unless a `json` or
 * `map` member could also take it, in which case any keys are allowed.
 */
function checkUnion(value: CfnValue, members: SpecType[], path: string, ctx: ShapeContext): void {
  if (Array.isArray(value)) {
    const arrays = members.filter((m) => m.type === 'array');
    if (arrays.length === 1) checkTypedValue(value, arrays[0]!, path, ctx);
    return;
  }
  if (!isPlainObject(value)) return;
  if (members.some((m) => m.type === 'json' || m.type === 'map')) return;
  const shapes = members.flatMap((m): SpecShape[] => {
    if (m.type === 'ref') return [findTypeDefinition(ctx.db, m.reference)];
    return m.type === 'tag' ? [TAG_SHAPE] : [];
  });
  if (shapes.length > 0) checkStruct(value, shapes, path, ctx);
}

/**
 * With one candidate shape, report unknown and missing-required properties and recurse.
 * With several (a union of structs), pick the one that knows every key; if none does, report
 * the keys that no candidate knows.
 */
function checkStruct(value: CfnObject, shapes: SpecShape[], path: string, ctx: ShapeContext): void {
  const keys = Object.keys(value);
  const fitting = shapes.filter((s) => keys.every((k) => k in s.properties));
  const shape = fitting.length === 1 ? fitting[0] : shapes.length === 1 ? shapes[0] : undefined;
  const names = shapes.map((s) => s.name).join(' | ');
  for (const key of keys) {
    if (shapes.some((s) => key in s.properties)) continue;
    ctx.findings.push({
      check: 'spec/unknown-property',
      level: 'error',
      path: childPath(path, key),
      message: `unknown property '${key}' in ${names} (${ctx.resourceType})${suggest(key, shapes)}`,
    });
  }
  if (shape === undefined) return; // ambiguous union: names checked above, nothing more is certain
  for (const [name, property] of Object.entries(shape.properties)) {
    if (property.required && !(name in value)) {
      ctx.findings.push({
        check: 'spec/missing-required',
        level: 'error',
        path,
        message: `missing required property '${name}' in ${shape.name} (${ctx.resourceType})`,
      });
    }
  }
  for (const key of keys) {
    const property = shape.properties[key];
    if (property !== undefined) checkTypedValue(value[key]!, property.type, childPath(path, key), ctx);
  }
}

/** ` (did you mean 'X'?)` when a known property differs only in letter case. */
export function suggest(key: string, shapes: readonly SpecShape[]): string {
  const lower = key.toLowerCase();
  for (const shape of shapes) {
    const match = Object.keys(shape.properties).find((name) => name.toLowerCase() === lower);
    if (match !== undefined) return ` (did you mean '${match}'?)`;
  }
  return '';
}
