import { HostObject } from './host-object.ts';
import { MapEntry, isJavaMap, mapEntries } from './java-values.ts';

/**
 * What Java's toString() prints for template values: `{a=b, c=d}` for maps (plain
 * objects), `[a, b]` for lists, `key=value` for map entries, `null` for null.
 * Function-valued properties are never printed: velocityjs adds an `eval` function to
 * objects on which it calls a native method, and a Java map never holds a function.
 */
export function toJavaString(value: unknown, seen: ReadonlySet<object> = new Set()): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return Array.isArray(value) ? '(this Collection)' : '(this Map)';
  const inner = new Set(seen).add(value);
  if (Array.isArray(value)) return `[${value.map((v) => toJavaString(v, inner)).join(', ')}]`;
  if (value instanceof MapEntry) return `${value.key}=${toJavaString(value.value, inner)}`;
  if (value instanceof HostObject) return value.toString();
  if (isJavaMap(value)) {
    return `{${mapEntries(value)
      .map(([k, v]) => `${k}=${toJavaString(v, inner)}`)
      .join(', ')}}`;
  }
  return String(value);
}
