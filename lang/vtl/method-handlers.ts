import { HostObject } from './host-object.ts';
import { callEntryMethod, callListMethod, callMapMethod } from './java-map.ts';
import { callScalarMethod } from './java-scalar.ts';
import { createJavaRegexCache } from './java-regex-ops.ts';
import { callStringMethod } from './java-string.ts';
import { MapEntry, isJavaMap } from './java-values.ts';

/** Calls `method` with `args` on a template value, with Java semantics for that kind of value. */
export type JavaMethodCall = (self: unknown, method: string, args: unknown[]) => unknown;

/**
 * The Java methods of a template value: every kind of value a template can hold (host objects, strings,
 * numbers, booleans, map entries, lists, maps) gets its Java class's methods, so velocityjs never falls back
 * to a JavaScript method (and never adds its `eval` property to an object). Undefined for anything else.
 */
export type MethodDispatch = (value: unknown) => JavaMethodCall | undefined;

const isHost = (v: unknown): v is HostObject => v instanceof HostObject;
const isString = (v: unknown): v is string => typeof v === 'string';
const isScalar = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const isEntry = (v: unknown): v is MapEntry => v instanceof MapEntry;
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

export function createMethodDispatch(): MethodDispatch {
  const regexes = createJavaRegexCache();
  const onHost: JavaMethodCall = (host, method, args) => (host as HostObject).invoke(method, args);
  const onString: JavaMethodCall = (s, method, args) => callStringMethod(s as string, method, args, regexes);
  const onScalar = callScalarMethod as JavaMethodCall;
  const onEntry = callEntryMethod as JavaMethodCall;
  const onList = callListMethod as JavaMethodCall;
  const onMap = callMapMethod as JavaMethodCall;
  // Checked in this order: a HostObject is also an object that isJavaMap could claim.
  return (value) => {
    if (isString(value)) return onString;
    if (isHost(value)) return onHost;
    if (isScalar(value)) return onScalar;
    if (isEntry(value)) return onEntry;
    if (isList(value)) return onList;
    if (isJavaMap(value)) return onMap;
    return undefined;
  };
}
