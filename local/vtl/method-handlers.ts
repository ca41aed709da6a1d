import { HostObject } from './host-object.ts';
import { callEntryMethod, callListMethod, callMapMethod } from './java-map.ts';
import { callScalarMethod } from './java-scalar.ts';
import { createJavaRegexCache } from './java-regex-ops.ts';
import { callStringMethod } from './java-string.ts';
import { MapEntry, isJavaMap } from './java-values.ts';
import type { CustomMethodHandler } from './velocity-types.ts';

/**
 * velocityjs `customMethodHandlers` (consulted before native methods, even on string
 * primitives) that give every template value Java semantics. Each handler claims all
 * calls on its kind of value, so velocityjs never falls back to a JavaScript method
 * (and never adds its `eval` property to an object).
 */
function handler<T>(uid: string, is: (v: unknown) => v is T, call: (self: T, method: string, args: unknown[]) => unknown): CustomMethodHandler {
  return {
    uid: `apigw-vtl:${uid}`,
    match: ({ context }) => is(context),
    resolve: ({ context, property, params }) => call(context as T, property, params),
  };
}

const isHost = (v: unknown): v is HostObject => v instanceof HostObject;
const isString = (v: unknown): v is string => typeof v === 'string';
const isScalar = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const isEntry = (v: unknown): v is MapEntry => v instanceof MapEntry;
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

export function createMethodHandlers(): CustomMethodHandler[] {
  const regexes = createJavaRegexCache();
  return [
    handler('host', isHost, (host, method, args) => host.invoke(method, args)),
    handler('String', isString, (s, method, args) => callStringMethod(s, method, args, regexes)),
    handler('Number/Boolean', isScalar, callScalarMethod),
    handler('Map.Entry', isEntry, callEntryMethod),
    handler('List', isList, callListMethod),
    handler('Map', isJavaMap, callMapMethod),
  ];
}
