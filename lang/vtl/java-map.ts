import { JavaMethodError } from './errors.ts';
import { javaEquals } from './java-operators.ts';
import { toJavaString } from './java-print.ts';
import { type JavaMap, MapEntry, mapEntries, mapKeys } from './java-values.ts';

/**
 * java.util.Map, List and Map.Entry methods for template values. Handling them here
 * (rather than letting velocityjs call JavaScript methods) keeps JavaScript members out
 * of templates and stops velocityjs from adding its `eval` property to the object.
 * Unknown methods return undefined, which Velocity renders as an undefined reference.
 */
type Method<T> = (self: T, args: unknown[]) => unknown;

const key = (args: unknown[]): string => String(args[0]);

const MAP_METHODS: Readonly<Record<string, Method<JavaMap>>> = {
  get: (m, a) => (Object.hasOwn(m, key(a)) && typeof m[key(a)] !== 'function' ? m[key(a)] : undefined),
  containsKey: (m, a) => mapEntries(m).some(([k]) => k === key(a)),
  containsValue: (m, a) => mapEntries(m).some(([, v]) => javaEquals(v, a[0])),
  keySet: (m) => mapKeys(m),
  values: (m) => mapEntries(m).map(([, v]) => v),
  entrySet: (m) => mapEntries(m).map(([k, v]) => new MapEntry(k, v)),
  size: (m) => mapEntries(m).length,
  isEmpty: (m) => mapEntries(m).length === 0,
  toString: (m: JavaMap) => toJavaString(m),
  put: (m, a) => {
    const previous = MAP_METHODS.get?.(m, a);
    m[key(a)] = a[1];
    return previous;
  },
  remove: (m, a) => {
    const previous = MAP_METHODS.get?.(m, a);
    delete m[key(a)];
    return previous;
  },
};

function listIndex(list: unknown[], index: unknown): number {
  if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= list.length) {
    throw new JavaMethodError(`IndexOutOfBoundsException: Index: ${String(index)}, Size: ${list.length}`);
  }
  return index as number;
}

const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = {
  size: (l) => l.length,
  isEmpty: (l) => l.length === 0,
  get: (l, a) => l[listIndex(l, a[0])],
  contains: (l, a) => l.some((v) => javaEquals(v, a[0])),
  indexOf: (l, a) => l.findIndex((v) => javaEquals(v, a[0])),
  toString: (l: unknown[]) => toJavaString(l),
  add: (l, a) => {
    l.push(a[0]);
    return true;
  },
  subList: (l, a) => {
    const [from, to] = [a[0] as number, a[1] as number];
    if (!(from >= 0 && from <= to && to <= l.length))
      throw new JavaMethodError(`IndexOutOfBoundsException: subList(${from}, ${to}), Size: ${l.length}`);
    return l.slice(from, to);
  },
};

const ENTRY_METHODS: Readonly<Record<string, Method<MapEntry>>> = {
  getKey: (e) => e.key,
  getValue: (e) => e.value,
  toString: (e: MapEntry) => toJavaString(e),
};

function call<T>(table: Readonly<Record<string, Method<T>>>, self: T, method: string, args: unknown[]): unknown {
  return Object.hasOwn(table, method) ? table[method]?.(self, args) : undefined;
}

export const callMapMethod = (m: JavaMap, method: string, args: unknown[]): unknown =>
  call(MAP_METHODS, m, method, args);
export const callListMethod = (l: unknown[], method: string, args: unknown[]): unknown =>
  call(LIST_METHODS, l, method, args);
export const callEntryMethod = (e: MapEntry, method: string, args: unknown[]): unknown =>
  call(ENTRY_METHODS, e, method, args);

/** Bean-style property of a list (`$list.empty` calls isEmpty()); lists have no fields. */
export function getListProperty(list: unknown[], property: string): unknown {
  const cap = property.charAt(0).toUpperCase() + property.slice(1);
  return call(LIST_METHODS, list, `get${cap}`, []) ?? call(LIST_METHODS, list, `is${cap}`, []);
}

/** `$map.key` is map.get("key") in Velocity; JavaScript members and missing keys are null. */
export function getMapProperty(map: JavaMap, property: string): unknown {
  return callMapMethod(map, 'get', [property]);
}
