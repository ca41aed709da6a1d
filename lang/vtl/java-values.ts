/**
 * How Java values are modelled in the template context: a Map is a plain object
 * (JSON objects, `{}` literals), a List is an array, a Map.Entry is a MapEntry.
 */
export type JavaMap = Record<string, unknown>;

/** A Map.Entry from entrySet(): `$e.key`/`$e.getKey()`, printed as `key=value`. */
export class MapEntry {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {}
}

export function isJavaMap(value: unknown): value is JavaMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The entries a Java map would hold, in insertion order. Function-valued properties are
 * skipped: they can only be velocityjs's added `eval`, never template data.
 */
export function mapEntries(map: JavaMap): [string, unknown][] {
  return Object.entries(map).filter(([, v]) => typeof v !== 'function');
}

/** The keys of mapEntries(map), without building the entries (`keySet()` runs per header in many templates). */
export function mapKeys(map: JavaMap): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(map)) if (typeof map[key] !== 'function') keys.push(key);
  return keys;
}
